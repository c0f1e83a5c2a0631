import { beforeAll, describe, expect, it } from "vitest";
import { resolveThrottle, spacingAfter, Throttle, THROTTLE_DEFAULTS, type Throttling } from "../../functions/core/accounts/throttle";
import { AppError } from "../../functions/core/shared/errors";
import type { Store } from "../../functions/core/storage/store";
import { createTestStore } from "../support/store";

/**
 * Login throttling with its default numbers, driven without passwords (Throttle.admit is what
 * Sessions.login calls before the password check; a failure is an admission never given back).
 * The rules themselves are shown through the login route in tests/http/auth.test.ts.
 */
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2032, 2, 1, 7, 0, 0);

describe("login throttling, default numbers", () => {
  let store: Store;
  let t: Throttling;

  beforeAll(async () => {
    store = await createTestStore();
    t = resolveThrottle({});
  });

  /** One attempt: the admission, or the seconds to wait when refused. */
  async function admit(account: string, address: string, now: number, device?: string) {
    try {
      return { admission: await Throttle.admit(store, t, { account, address, device }, now) };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "RATE_LIMITED") throw error;
      return { retryAfter: error.details!.retryAfter as number };
    }
  }

  it("are the documented ones", () => {
    expect(THROTTLE_DEFAULTS).toMatchObject({ windowMs: 15 * MINUTE, perPair: 5, perClient: 30, accountWindowMs: HOUR, accountFree: 10, baseDelayMs: 1000, maxDelayMs: 120_000, perAccount: 100 });
    expect([10, 11, 12, 13, 17, 18, 50].map((failures) => spacingAfter(t, failures))).toEqual([0, 1000, 2000, 4000, 64_000, 120_000, 120_000]);
    expect(resolveThrottle({ perPair: 2, now: undefined }).now).toBeTypeOf("function");
  });

  it("refuse a pair after 5 failures and an address after 30, not a browser trusted for its account", async () => {
    const now = T0;
    for (let i = 0; i < 5; i++) expect((await admit("mot@hoaphong.example.vn", "203.0.113.1", now)).admission).toBeDefined();
    expect((await admit("mot@hoaphong.example.vn", "203.0.113.1", now)).retryAfter).toBe(15 * 60);

    const office = "203.0.113.2";
    const colleague = "dong-nghiep@hoaphong.example.vn";
    const first = await admit(colleague, office, now - HOUR);
    const device = await Throttle.succeeded(store, t, first.admission!, now - HOUR);
    for (let i = 0; i < 30; i++) expect((await admit(`thu-${i}@hoaphong.example.vn`, office, now)).admission).toBeDefined();
    expect((await admit("thu-30@hoaphong.example.vn", office, now)).retryAfter).toBe(15 * 60);
    expect((await admit(colleague, office, now)).retryAfter).toBe(15 * 60); // that browser's cookie not sent
    const trusted = await admit(colleague, office, now, device);
    expect(trusted.admission?.trusted).toBe(true);
    expect(await Throttle.succeeded(store, t, trusted.admission!, now)).toBe(device);
    expect((await admit(colleague, office, now + 15 * MINUTE)).admission).toBeDefined(); // the next window
  });

  it("hold a guesser with endless addresses to ~50 tries in the first hour and 30 an hour after, below the ceiling, so the owner's browser is never refused", async () => {
    const account = "nan-nhan@hoaphong.example.vn";
    const mine = await admit(account, "198.51.100.1", T0 - 24 * HOUR);
    const device = await Throttle.succeeded(store, t, mine.admission!, T0 - 24 * HOUR);

    const tries: number[] = [];
    let now = T0 + 1;
    let n = 0;
    let ownerChecks = 0;
    let nextOwnerCheck = now;
    while (now < T0 + 4 * HOUR) {
      // The guesser, from a new address each time, tries again as soon as it is told it may.
      const guess = await admit(account, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, now);
      n++;
      if (guess.admission) tries.push(now);
      else now += guess.retryAfter! * 1000;
      if (now >= nextOwnerCheck) {
        // The owner signs in from their browser every 10 minutes or so, and always gets in.
        const owner = await admit(account, "198.51.100.9", now, device);
        expect(owner.retryAfter, `owner refused at +${(now - T0) / MINUTE} min`).toBeUndefined();
        await Throttle.succeeded(store, t, owner.admission!, now);
        ownerChecks++;
        nextOwnerCheck += 10 * MINUTE;
      }
    }
    const inAnyHour = (from: number) => tries.filter((at) => at >= from && at < from + HOUR).length;
    const worstHour = Math.max(...tries.map(inAnyHour));
    expect(ownerChecks).toBeGreaterThan(20);
    expect(inAnyHour(T0)).toBeLessThanOrEqual(50);
    expect(inAnyHour(T0 + 2 * HOUR)).toBeLessThanOrEqual(31);
    expect(worstHour).toBeLessThan(THROTTLE_DEFAULTS.perAccount / 2);
  }, 120_000);

  it("refuse every attempt, trusted ones too, at 100 failures in an hour (ASVS 2.2.1), and again only once an hour holds fewer", async () => {
    const account = "tran-ngap@hoaphong.example.vn";
    const now = T0 + 10 * HOUR + 30 * MINUTE;
    const mine = await admit(account, "198.51.100.3", now - 24 * HOUR);
    const device = await Throttle.succeeded(store, t, mine.admission!, now - 24 * HOUR);
    // A hundred failures from browsers trusted for the account (stolen cookies, say), 5 per browser.
    const thieves: string[] = [];
    for (let i = 0; i < 20; i++) {
      const start = await admit(account, `172.16.0.${i}`, now - 2 * HOUR);
      thieves.push(await Throttle.succeeded(store, t, start.admission!, now - 2 * HOUR));
    }
    for (const stolen of thieves) for (let i = 0; i < 5; i++) expect((await admit(account, "172.16.1.1", now, stolen)).admission).toBeDefined();
    const refused = await admit(account, "198.51.100.3", now, device);
    expect(refused.retryAfter).toBe(90 * 60); // the rest of this window, then the whole next one
    expect((await admit(account, "198.51.100.3", now + 89 * MINUTE, device)).retryAfter).toBeDefined();
    expect((await admit(account, "198.51.100.3", now + 90 * MINUTE, device)).admission).toBeDefined();
  }, 120_000);
});
