import { generatePassword, hashPassword } from "../functions/core/accounts/password";
import type { Store } from "../functions/core/storage/store";
import { SYSTEM_ACTOR, Users, type StoredUser } from "../functions/core/accounts/users";

/**
 * Creates the first admin when the portal has none: from PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD,
 * or admin@localhost with a random password that is returned so the caller prints it once.
 */
export async function ensureFirstAdmin(
  store: Store,
  options: { email?: string; password?: string },
): Promise<{ email: string; generatedPassword?: string } | undefined> {
  if (await Users.hasRole(store, "admin")) return undefined;
  const email = options.email || "admin@localhost";
  const generatedPassword = options.password ? undefined : generatePassword();
  await Users.create(store, { email, password: options.password || generatedPassword!, name: "Quản trị hệ thống", role: "admin" });
  return { email, generatedPassword };
}

/**
 * The first admin of a cloud stage (`npm run admin`, scripts/admin-cli.ts): a random one-time
 * password the user must replace at first sign-in (`mustChangePassword`). Refuses when the stage
 * already has an active admin; `reset` instead gives an existing account (e.g. the only admin,
 * whose password is lost) a new one-time password and ends its sessions.
 */
export async function createCloudAdmin(
  store: Store,
  options: { email: string; name?: string; reset?: boolean },
): Promise<{ email: string; oneTimePassword: string; created: boolean }> {
  const oneTimePassword = generatePassword(20);
  if (options.reset) {
    const current = await Users.getStoredByEmail(store, options.email);
    if (!current) throw new AdminError(`Không có tài khoản nào với địa chỉ ${options.email.trim()}.`);
    const next: StoredUser = {
      ...current,
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true,
      sessionEpoch: current.sessionEpoch + 1,
      updatedAt: new Date().toISOString(),
      version: current.version + 1,
    };
    await Users.write(store, current, next, { actor: SYSTEM_ACTOR, action: "user.password-reset", itemType: "user", itemId: current.id });
    return { email: current.email, oneTimePassword, created: false };
  }
  if (await Users.hasRole(store, "admin")) {
    throw new AdminError(
      "Giai đoạn này đã có tài khoản quản trị. Hãy đăng nhập bằng tài khoản đó; nếu mất mật khẩu, chạy lại lệnh với --reset và địa chỉ của tài khoản ấy.",
    );
  }
  const user = await Users.create(store, {
    email: options.email,
    password: oneTimePassword,
    name: options.name?.trim() || "Quản trị hệ thống",
    role: "admin",
    mustChangePassword: true,
  });
  return { email: user.email, oneTimePassword, created: true };
}

/** A refusal the CLI prints as is (no stack trace). */
export class AdminError extends Error {}
