/**
 * The password module's cost: production hashes at N=2^17, r=8, p=1 (docs/architecture.md,
 * "Security"); the suite's accounts hash cheaper (tests/setup/password-cost.ts), and a hash
 * verifies with the parameters stored in it, whichever cost wrote it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { hashPassword, PASSWORD_COST, setPasswordCost, unknownAccountHash, verifyPassword } from "../../functions/core/accounts/password";
import { TEST_PASSWORD_COST } from "../setup/password-cost";

const PASSWORD = "mật-khẩu-đủ-dài-123";
const costOf = (hash: string) => hash.split("$").slice(1, 4).map(Number);

describe("password cost", () => {
  it("hashes at N=2^17, r=8, p=1 in a module as production loads it (no setup has lowered it)", async () => {
    vi.resetModules();
    const fresh = await import("../../functions/core/accounts/password");
    expect(PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await fresh.hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await fresh.verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await fresh.verifyPassword("mật-khẩu-sai-rồi", hash)).toBe(false);
  });

  it("hashes the suite's accounts at the test cost, and both costs verify", async () => {
    const cheap = await hashPassword(PASSWORD);
    expect(costOf(cheap)).toEqual([TEST_PASSWORD_COST.N, TEST_PASSWORD_COST.r, TEST_PASSWORD_COST.p]);
    const previous = setPasswordCost(PASSWORD_COST);
    try {
      expect(previous).toEqual(TEST_PASSWORD_COST);
      const full = await hashPassword(PASSWORD);
      expect(costOf(full)).toEqual([131072, 8, 1]);
      for (const hash of [cheap, full]) {
        expect(await verifyPassword(PASSWORD, hash)).toBe(true);
        expect(await verifyPassword(PASSWORD + "x", hash)).toBe(false);
      }
    } finally {
      setPasswordCost(previous);
    }
  });

  it("gives an unknown account's stand-in hash the current cost, and no password matches it", async () => {
    expect(costOf(unknownAccountHash())).toEqual([TEST_PASSWORD_COST.N, TEST_PASSWORD_COST.r, TEST_PASSWORD_COST.p]);
    expect(await verifyPassword(PASSWORD, unknownAccountHash())).toBe(false);
    vi.resetModules();
    const fresh = await import("../../functions/core/accounts/password");
    expect(fresh.unknownAccountHash()).toBe(`scrypt$131072$8$1$${"A".repeat(22)}$${"A".repeat(43)}`);
  });

  it("refuses a cost scrypt cannot take", () => {
    expect(() => setPasswordCost({ N: 1000, r: 8, p: 1 })).toThrow(/invalid scrypt cost/);
    expect(() => setPasswordCost({ N: 1024, r: 0, p: 1 })).toThrow(/invalid scrypt cost/);
  });

  it("is lowered only by the test suite: no code outside tests/ calls setPasswordCost", () => {
    const callers: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx|js|mjs)$/.test(name) && readFileSync(path, "utf8").includes("setPasswordCost")) callers.push(path);
      }
    };
    for (const dir of ["functions", "web", "dashboard", "scripts", "infra", "bench"]) {
      try {
        walk(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    expect(callers).toEqual(["functions/core/accounts/password.ts"]);
  });
});
