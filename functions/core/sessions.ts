import { createHash, randomBytes } from "node:crypto";
import { DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { auditPut } from "./audit";
import { AppError } from "./errors";
import { Keys } from "./keys";
import { verifyPassword } from "./password";
import type { Store } from "./store";
import { MAX_PASSWORD_LENGTH, Users, type SessionUser } from "./users";

/**
 * Server-side sessions (DESIGN.md, Security): a random 256-bit token in the cookie, only its
 * SHA-256 in the table, so a leaked table dump opens no session. 30 minutes idle, 12 hours
 * absolute; `expiresAt` (TTL) is the earlier of the two and is checked on read, since TTL
 * deletion is lazy. A new token at every login; logout deletes the item.
 */
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** The idle deadline is pushed forward at most once a minute: one write per minute, not per request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Login throttling: failures per account and per client in a fixed 15-minute window. */
export const THROTTLE = { windowMs: 15 * 60 * 1000, perAccount: 5, perClient: 30 };

const GENERIC_FAILURE = "Thư điện tử hoặc mật khẩu không đúng.";
const THROTTLED = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.";

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

// A real hash to compare with when the account does not exist, so the answer takes as long.
const DUMMY_HASH = "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function windowStart(now: number) {
  return new Date(now - (now % THROTTLE.windowMs)).toISOString();
}

/**
 * Takes one attempt from the window's allowance before the password is checked, atomically (a
 * conditional ADD), so parallel guesses cannot all read an old count and slip through. A
 * successful login gives its attempt back; only failures stay counted.
 */
async function takeAttempt(store: Store, scope: "account" | "client", subject: string, now: number): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: Keys.throttle(scope, subject, windowStart(now)),
        UpdateExpression: "ADD #count :one SET expiresAt = :expires, entity = :entity",
        ConditionExpression: "attribute_not_exists(#count) OR #count < :limit",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":limit": scope === "account" ? THROTTLE.perAccount : THROTTLE.perClient,
          ":expires": seconds(now + 2 * THROTTLE.windowMs),
          ":entity": "LoginThrottle",
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

async function giveBackAttempt(store: Store, scope: "account" | "client", subject: string, now: number) {
  await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: Keys.throttle(scope, subject, windowStart(now)),
      UpdateExpression: "ADD #count :minusOne",
      ConditionExpression: "#count > :zero",
      ExpressionAttributeNames: { "#count": "count" },
      ExpressionAttributeValues: { ":minusOne": -1, ":zero": 0 },
    }),
  ).catch(() => undefined); // a new window began meanwhile: nothing to give back
}

export const Sessions = {
  /**
   * Checks the password and opens a session. Every failure, whether the account is unknown,
   * inactive or the password wrong, gets the same message and costs the same hashing time.
   */
  async login(
    store: Store,
    input: { email: string; password: string; client: string },
    now = Date.now(),
  ): Promise<{ token: string; user: SessionUser }> {
    const email = input.email.trim().toLowerCase().slice(0, 254);
    const [byAccount, byClient] = await Promise.all([
      takeAttempt(store, "account", email, now),
      takeAttempt(store, "client", input.client, now),
    ]);
    if (!byAccount || !byClient) {
      // Whichever allowance was still open gets its attempt back: this one was never tried.
      await Promise.all([
        byAccount && giveBackAttempt(store, "account", email, now),
        byClient && giveBackAttempt(store, "client", input.client, now),
      ]);
      throw new AppError("RATE_LIMITED", THROTTLED);
    }

    const user = await Users.getStoredByEmail(store, email);
    const password = input.password.slice(0, MAX_PASSWORD_LENGTH);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) throw new AppError("UNAUTHENTICATED", GENERIC_FAILURE);
    await Promise.all([giveBackAttempt(store, "account", email, now), giveBackAttempt(store, "client", input.client, now)]);

    const token = randomBytes(32).toString("base64url");
    const session: StoredSession = {
      userId: user.id,
      epoch: user.sessionEpoch,
      createdAt: now,
      touchedAt: now,
      absoluteExpiresAt: now + ABSOLUTE_MS,
      expiresAt: seconds(Math.min(now + IDLE_MS, now + ABSOLUTE_MS)),
    };
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.table,
              Item: { ...Keys.session(hashToken(token)), entity: "Session", schemaVersion: 1, ...session },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          auditPut(store, { actor: { id: user.id, name: user.name }, action: "session.login", itemType: "user", itemId: user.id, at: new Date(now).toISOString() }),
        ],
      }),
    );
    const { id, name, role, sections } = user;
    return { token, user: { id, email: user.email, name, role, sections: sections ?? [] } };
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
    return { id, email, name, role, sections: sections ?? [] };
  },

  async logout(store: Store, token: string | undefined): Promise<void> {
    if (!token || !TOKEN_PATTERN.test(token)) return;
    await store.db.send(new DeleteCommand({ TableName: store.table, Key: Keys.session(hashToken(token)) }));
  },
};

