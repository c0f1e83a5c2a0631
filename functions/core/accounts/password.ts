import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt with the OWASP parameters (docs/architecture.md, "Security"; N=2^17, r=8, p=1): node:crypto only, so the
 * Lambda bundle carries no native addon. One hash needs 128 MiB, hence maxmem.
 * Stored as "scrypt$N$r$p$salt$hash" (base64url) so parameters can be raised later: verification
 * always uses the parameters stored with the hash, whatever the current cost.
 */
export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}
/** The cost of every hash production writes. */
export const PASSWORD_COST: Readonly<PasswordCost> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
const KEY_LENGTH = 32;
const MAXMEM = 256 * 1024 * 1024;

let currentCost: Readonly<PasswordCost> = PASSWORD_COST;

/**
 * Changes the cost of the hashes written from now on in this process. Only the test suite's setup
 * calls it (tests/setup/password-cost.ts), so the accounts its fixtures create hash in
 * milliseconds instead of about a second; no environment variable or configuration reaches it, so
 * production cannot lower its cost by accident (tests/unit/password.test.ts checks that nothing
 * outside tests/ calls it). Returns the previous cost.
 */
export function setPasswordCost(cost: Readonly<PasswordCost>): Readonly<PasswordCost> {
  if (!Number.isInteger(Math.log2(cost.N)) || cost.N < 2 || cost.r < 1 || cost.p < 1) throw new Error(`invalid scrypt cost ${JSON.stringify(cost)}`);
  const previous = currentCost;
  currentCost = Object.freeze({ ...cost });
  return previous;
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAXMEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = currentCost;
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/**
 * A hash no password matches, at the current cost: what a sign-in compares with when the account
 * does not exist, so that answer takes as long as a wrong password on a real account.
 */
export function unknownAccountHash(): string {
  const { N, r, p } = currentCost;
  return ["scrypt", N, r, p, "A".repeat(22), "A".repeat(43)].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A random password for the first admin when none is configured: 20 characters, no look-alikes. */
export function generatePassword(length = 20): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}
