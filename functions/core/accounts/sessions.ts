import { createHash, randomBytes } from "node:crypto";
import { DeleteCommand, GetCommand, UpdateCommand } from "../storage/db";
import { auditPut } from "../publishing/audit";
import { AppError } from "../shared/errors";
import { Keys } from "../storage/keys";
import { unknownAccountHash, verifyPassword } from "./password";
import { resolveThrottle, Throttle, type ThrottleConfig } from "./throttle";
import { transact, type Store } from "../storage/store";
import { MAX_PASSWORD_LENGTH, Users, type SessionUser } from "./users";

/**
 * Server-side sessions (docs/architecture.md, "Security"): a random 256-bit token in the cookie, only its
 * SHA-256 in the table, so a leaked table dump opens no session. 30 minutes idle, 12 hours
 * absolute; `expiresAt` (TTL) is the earlier of the two and is checked on read, since TTL
 * deletion is lazy. A new token at every login; logout deletes the item.
 */
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** The idle deadline is pushed forward at most once a minute: one write per minute, not per request. */
const TOUCH_EVERY_MS = 60 * 1000;

const GENERIC_FAILURE = "Thư điện tử hoặc mật khẩu không đúng.";

interface StoredSession {
  userId: string;
  epoch: number;
  createdAt: number;
  touchedAt: number;
  absoluteExpiresAt: number;
  expiresAt: number;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
const seconds = (ms: number) => Math.floor(ms / 1000);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The table key of a session token's item (password change moves the current session to the new epoch). */
export const sessionKey = (token: string) => (TOKEN_PATTERN.test(token) ? Keys.session(hashToken(token)) : undefined);

export const Sessions = {
  /**
   * Checks the password and opens a session. Every failure, whether the account is unknown,
   * inactive or the password wrong, gets the same message and costs the same hashing time.
   * `device` is the browser's device cookie; the answer's `device` is the token to set in it
   * (login throttling, throttle.ts).
   */
  async login(
    store: Store,
    input: { email: string; password: string; client: string; device?: string },
    now = Date.now(),
    throttle: ThrottleConfig = {},
  ): Promise<{ token: string; user: SessionUser; device: string }> {
    const email = input.email.trim().toLowerCase().slice(0, 254);
    const limits = resolveThrottle(throttle);
    // Before the password check (throttle.ts): refused attempts cost no hashing, for any account alike.
    const admission = await Throttle.admit(store, limits, { account: email, address: input.client, device: input.device }, now);

    const user = await Users.getStoredByEmail(store, email);
    const password = input.password.slice(0, MAX_PASSWORD_LENGTH);
    const ok = await verifyPassword(password, user?.passwordHash ?? unknownAccountHash());
    if (!user || !ok || !user.active) throw new AppError("UNAUTHENTICATED", GENERIC_FAILURE);
    const device = await Throttle.succeeded(store, limits, admission, now);

    const token = randomBytes(32).toString("base64url");
    const session: StoredSession = {
      userId: user.id,
      epoch: user.sessionEpoch,
      createdAt: now,
      touchedAt: now,
      absoluteExpiresAt: now + ABSOLUTE_MS,
      expiresAt: seconds(Math.min(now + IDLE_MS, now + ABSOLUTE_MS)),
    };
    await transact(store, [
      {
        Put: {
          TableName: store.table,
          Item: { ...Keys.session(hashToken(token)), entity: "Session", schemaVersion: 1, ...session },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      auditPut(store, { actor: { id: user.id, name: user.name }, action: "session.login", itemType: "user", itemId: user.id, at: new Date(now).toISOString() }),
    ]);
    const { id, name, role, sections } = user;
    const flag = user.mustChangePassword ? { mustChangePassword: true } : {}; // a one-time password (users.ts)
    return { token, device, user: { id, email: user.email, name, role, sections: sections ?? [], ...flag } };
  },

  /** The signed-in account of a token, or undefined when the session is unknown, expired or revoked. */
  async resolve(store: Store, token: string | undefined, now = Date.now()): Promise<SessionUser | undefined> {
    if (!token || !TOKEN_PATTERN.test(token)) return undefined;
    const key = Keys.session(hashToken(token));
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: key, ConsistentRead: true }));
    const session = out.Item as StoredSession | undefined;
    if (!session || session.expiresAt * 1000 <= now || session.absoluteExpiresAt <= now) return undefined;
    const user = await Users.getStored(store, session.userId);
    if (!user || !user.active || user.sessionEpoch !== session.epoch) return undefined;

    if (now - session.touchedAt >= TOUCH_EVERY_MS) {
      await store.db
        .send(
          new UpdateCommand({
            TableName: store.table,
            Key: key,
            UpdateExpression: "SET touchedAt = :now, expiresAt = :expires",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":now": now, ":expires": seconds(Math.min(now + IDLE_MS, session.absoluteExpiresAt)) },
          }),
        )
        .catch((error) => {
          // Logged out between our read and this write: the session is gone, so is the user.
          if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        });
    }
    const { id, email, name, role, sections } = user;
    return { id, email, name, role, sections: sections ?? [], ...(user.mustChangePassword ? { mustChangePassword: true } : {}) };
  },

  /** Ends the session of a token at once (its item is deleted); unknown tokens are ignored. */
  async logout(store: Store, token: string | undefined): Promise<void> {
    if (!token || !TOKEN_PATTERN.test(token)) return;
    await store.db.send(new DeleteCommand({ TableName: store.table, Key: Keys.session(hashToken(token)) }));
  },
};

