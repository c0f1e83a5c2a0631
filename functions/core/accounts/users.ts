import { randomUUID } from "node:crypto";
import { GetCommand, QueryCommand } from "../storage/db";
import { auditPut, type Actor } from "../publishing/audit";
import { AppError, invalid, notFound } from "../shared/errors";
import { Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import { hashPassword } from "./password";
import { locksOutSelf } from "./permissions";
import { conflict, transact, type Store, type TransactItem } from "../storage/store";

export const ROLES = ["admin", "editor-in-chief", "section-editor", "writer"] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Section ids the user works in (section editors and writers). */
  sections: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * Set on an account created with a one-time password (`npm run admin`): until the user sets
   * their own password, the staff API answers 403 on everything but me, logout and the password
   * change (http/staff/guard.ts). Cleared by `Users.write` when the user changes their own password.
   */
  mustChangePassword?: boolean;
}

/** What a request knows about its signed-in account. */
export type SessionUser = Pick<User, "id" | "email" | "name" | "role" | "sections"> & { mustChangePassword?: boolean };

/** The stored item also holds the password hash and the session epoch; neither leaves core. */
export interface StoredUser extends User {
  passwordHash: string;
  /** Raised on deactivation and password reset: sessions of an older epoch stop working at once. */
  sessionEpoch: number;
}

export const SYSTEM_ACTOR: Actor = { id: "system", name: "Hệ thống" };

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** The account as it may leave core: without the password hash and the session epoch. */
export function toPublicUser(user: StoredUser | User): User {
  const { id, email, name, role, sections, active, createdAt, updatedAt, version } = user;
  return { id, email, name, role, sections: sections ?? [], active, createdAt, updatedAt, version, ...(user.mustChangePassword ? { mustChangePassword: true } : {}) };
}

function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    throw invalid(`Mật khẩu phải có từ ${MIN_PASSWORD_LENGTH} đến ${MAX_PASSWORD_LENGTH} ký tự.`, {
      password: `Từ ${MIN_PASSWORD_LENGTH} đến ${MAX_PASSWORD_LENGTH} ký tự.`,
    });
}

/** The stored account, with the index attributes for "by role" and "all users". */
function userItem(user: StoredUser) {
  return {
    ...Keys.userItem(user.id, user.role, user.email),
    entity: "User",
    schemaVersion: 1,
    ...user,
  };
}

/** E-mail addresses are compared trimmed and lower-cased, for login and for uniqueness. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const Users = {
  /** Whether an active account of `role` exists (the first start creates an admin when none does). */
  async hasRole(store: Store, role: Role): Promise<boolean> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        FilterExpression: "active = :active",
        ExpressionAttributeValues: { ":pk": Keys.usersByRole(role), ":active": true },
        ProjectionExpression: "pk",
      }),
    );
    return (out.Items ?? []).length > 0;
  },

  /** The stored account (hash and epoch included), read consistently; undefined for an unknown or malformed id. */
  async getStored(store: Store, id: string): Promise<StoredUser | undefined> {
    if (!/^[\w-]{1,64}$/.test(id)) return undefined;
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.user(id), ConsistentRead: true }));
    return out.Item as StoredUser | undefined;
  },

  /** The account without its secrets, or a NOT_FOUND error. */
  async get(store: Store, id: string): Promise<User> {
    const user = await Users.getStored(store, id);
    if (!user) throw notFound("Không tìm thấy tài khoản.");
    return toPublicUser(user);
  },

  /** The stored account of an e-mail address (through its reservation item), if any. */
  async getStoredByEmail(store: Store, email: string): Promise<StoredUser | undefined> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.userEmail(normalizeEmail(email)) }));
    const userId = out.Item?.userId as string | undefined;
    return userId ? Users.getStored(store, userId) : undefined;
  },

  /** Every account, by e-mail (agencies have tens or hundreds of staff: a few Query pages). */
  async list(store: Store): Promise<User[]> {
    const users: User[] = [];
    for await (const items of queryPages(store, {
      TableName: store.table,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk",
      ExpressionAttributeValues: { ":pk": Keys.allUsers() },
    })) {
      users.push(...(items as StoredUser[]).map(toPublicUser));
    }
    return users;
  },

  /** Creates an account; the e-mail is reserved in the same transaction, so it stays unique. */
  async create(
    store: Store,
    input: { email: string; password: string; name: string; role: Role; sections?: string[]; mustChangePassword?: boolean },
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<User> {
    const email = normalizeEmail(input.email);
    if (!EMAIL_PATTERN.test(email) || email.length > 254) throw invalid("Địa chỉ thư điện tử không hợp lệ.", { email: "Không hợp lệ." });
    checkPassword(input.password);
    if (!ROLES.includes(input.role)) throw invalid("Vai trò không hợp lệ.", { role: "Không hợp lệ." });
    const now = new Date().toISOString();
    const user: User = {
      id: randomUUID(),
      email,
      name: input.name.trim() || email,
      role: input.role,
      sections: [...new Set(input.sections ?? [])],
      active: true,
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...(input.mustChangePassword ? { mustChangePassword: true } : {}),
    };
    const passwordHash = await hashPassword(input.password);
    await transact(
      store,
      [
        {
          Put: {
            TableName: store.table,
            Item: { ...Keys.userEmail(email), entity: "UserEmail", schemaVersion: 1, userId: user.id },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Put: {
            TableName: store.table,
            Item: userItem({ ...user, passwordHash, sessionEpoch: 1 }),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        auditPut(store, {
          actor,
          action: "user.create",
          itemType: "user",
          itemId: user.id,
          after: { email, name: user.name, role: user.role, sections: user.sections },
        }),
      ],
      {
        // Only the e-mail reservation can really fail: the other two items have fresh random ids.
        onConditionFailed: (index) =>
          index === 0
            ? new AppError("CONFLICT", "Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác.", { email: "Đã tồn tại." })
            : conflict(),
      },
    );
    return user;
  },

  /**
   * Changes name, role, sections or active state. Deactivation raises the session epoch, so the
   * user's open sessions stop working on their next request. Role and sections are read fresh on
   * every request, so their changes apply at once too.
   */
  async update(
    store: Store,
    id: string,
    patch: { name?: string; role?: Role; sections?: string[]; active?: boolean; version?: number },
    actor: Actor,
  ): Promise<User> {
    const current = await Users.getStored(store, id);
    if (!current) throw notFound("Không tìm thấy tài khoản.");
    if (patch.version !== undefined && patch.version !== current.version)
      throw new AppError("CONFLICT", "Tài khoản đã được người khác thay đổi. Hãy tải lại.", undefined, { currentVersion: current.version });
    if (patch.role && !ROLES.includes(patch.role)) throw invalid("Vai trò không hợp lệ.", { role: "Không hợp lệ." });
    if (locksOutSelf(actor.id, id, patch))
      throw new AppError("FORBIDDEN", "Không thể tự khóa hoặc tự hạ quyền tài khoản quản trị đang dùng.");

    const next: StoredUser = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name.trim() || current.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.sections !== undefined ? { sections: [...new Set(patch.sections)] } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updatedAt: new Date().toISOString(),
      version: current.version + 1,
      sessionEpoch: patch.active === false && current.active ? current.sessionEpoch + 1 : current.sessionEpoch,
    };
    const changed = (["name", "role", "sections", "active"] as const).filter(
      (key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]),
    );
    if (changed.length === 0) return toPublicUser(current);
    const action = changed.includes("active") ? (next.active ? "user.activate" : "user.deactivate") : "user.update";
    await Users.write(store, current, next, {
      actor,
      action,
      itemType: "user",
      itemId: id,
      before: Object.fromEntries(changed.map((key) => [key, current[key]])),
      after: Object.fromEntries(changed.map((key) => [key, next[key]])),
    });
    return toPublicUser(next);
  },

  /** Sets a new password (admin reset or the user's own change) and ends every open session. */
  async setPassword(store: Store, id: string, password: string, actor: Actor): Promise<void> {
    checkPassword(password);
    const current = await Users.getStored(store, id);
    if (!current) throw notFound("Không tìm thấy tài khoản.");
    const next: StoredUser = {
      ...current,
      passwordHash: await hashPassword(password),
      sessionEpoch: current.sessionEpoch + 1,
      updatedAt: new Date().toISOString(),
      version: current.version + 1,
    };
    await Users.write(store, current, next, { actor, action: "user.password-reset", itemType: "user", itemId: id });
  },

  /** Conditional on the version read, with the audit event in the same transaction. */
  async write(store: Store, current: StoredUser, next: StoredUser, event: Parameters<typeof auditPut>[1], extra: TransactItem[] = []): Promise<void> {
    // A user who sets their own password (core/accounts/password-change.ts, or any later path
    // that writes a new hash as the user) has done what a one-time password asks: the flag goes.
    const ownPasswordSet = next.passwordHash !== current.passwordHash && event.actor.id === current.id;
    const { mustChangePassword: _flag, ...withoutFlag } = next;
    const stored: StoredUser = ownPasswordSet ? withoutFlag : next;
    await transact(
      store,
      [
        {
          Put: {
            TableName: store.table,
            Item: userItem(stored),
            ConditionExpression: "version = :version",
            ExpressionAttributeValues: { ":version": current.version },
          },
        },
        auditPut(store, event),
        ...extra,
      ],
      {
        onConditionFailed: () =>
          new AppError("CONFLICT", "Tài khoản đã được người khác thay đổi. Hãy tải lại.", undefined, { currentVersion: current.version + 1 }),
      },
    );
  },
};
