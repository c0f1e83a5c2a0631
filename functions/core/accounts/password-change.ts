import { AppError, invalid } from "../shared/errors";
import { hashPassword, verifyPassword } from "./password";
import { sessionKey } from "./sessions";
import { resolveThrottle, Throttle, type ThrottleConfig } from "./throttle";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, Users, type SessionUser, type StoredUser } from "./users";

/**
 * The signed-in user's own password change (`POST /api/auth/password`). The current password is
 * checked through the login throttle (throttle.ts), so a stolen session cannot be used to guess
 * it faster than the sign-in form allows; the new one follows the policy of account creation.
 * The user's other sessions end (the session epoch is raised) while this one is moved to the new
 * epoch in the same transaction, with the audit event: the person changing it stays signed in.
 */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  /** The session token of the request (kept), the client's address and device cookie (throttle). */
  token: string;
  client: string;
  device?: string;
}

const WRONG_CURRENT = "Mật khẩu hiện tại không đúng.";

export async function changeOwnPassword(
  store: Parameters<typeof Users.getStored>[0],
  user: SessionUser,
  input: PasswordChange,
  now = Date.now(),
  throttle: ThrottleConfig = {},
): Promise<{ device: string }> {
  // The policy first: refusing a too-short new password costs no throttle count and no hashing.
  if (input.newPassword.length < MIN_PASSWORD_LENGTH || input.newPassword.length > MAX_PASSWORD_LENGTH)
    throw invalid(`Mật khẩu mới phải có từ ${MIN_PASSWORD_LENGTH} đến ${MAX_PASSWORD_LENGTH} ký tự.`, {
      newPassword: `Từ ${MIN_PASSWORD_LENGTH} đến ${MAX_PASSWORD_LENGTH} ký tự.`,
    });
  if (input.newPassword === input.currentPassword)
    throw invalid("Mật khẩu mới phải khác mật khẩu hiện tại.", { newPassword: "Trùng với mật khẩu hiện tại." });
  const key = sessionKey(input.token);
  if (!key) throw new AppError("UNAUTHENTICATED", "Phiên làm việc đã hết hạn. Hãy đăng nhập lại.");

  const limits = resolveThrottle(throttle);
  const account = user.email.trim().toLowerCase().slice(0, 254);
  const admission = await Throttle.admit(store, limits, { account, address: input.client, device: input.device }, now);
  const current = await Users.getStored(store, user.id);
  const ok = current ? await verifyPassword(input.currentPassword.slice(0, MAX_PASSWORD_LENGTH), current.passwordHash) : false;
  // A wrong current password stays counted as a failed sign-in (admit took it).
  if (!current || !ok) throw invalid(WRONG_CURRENT, { currentPassword: WRONG_CURRENT });
  const device = await Throttle.succeeded(store, limits, admission, now);

  const next: StoredUser = {
    ...current,
    passwordHash: await hashPassword(input.newPassword),
    sessionEpoch: current.sessionEpoch + 1,
    updatedAt: new Date(now).toISOString(),
    version: current.version + 1,
  };
  const actor = { id: user.id, name: user.name };
  await Users.write(store, current, next, { actor, action: "user.password-change", itemType: "user", itemId: user.id }, [
    {
      Update: {
        TableName: store.table,
        Key: key,
        UpdateExpression: "SET epoch = :epoch",
        ConditionExpression: "attribute_exists(pk) AND userId = :user",
        ExpressionAttributeValues: { ":epoch": next.sessionEpoch, ":user": user.id },
      },
    },
  ]);
  return { device };
}
