import { generatePassword } from "../functions/core/accounts/password";
import type { Store } from "../functions/core/storage/store";
import { Users } from "../functions/core/accounts/users";

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
