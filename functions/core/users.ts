import { randomUUID } from "node:crypto";
import { QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { AppError, invalid } from "./errors";
import { Keys } from "./keys";
import { hashPassword } from "./password";
import type { Store } from "./store";

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
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 12;

export const Users = {
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

  /** Creates an account; the e-mail is reserved in the same transaction, so it stays unique. */
  async create(store: Store, input: { email: string; password: string; name: string; role: Role; sections?: string[] }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(email) || email.length > 254) throw invalid("Địa chỉ thư điện tử không hợp lệ.", { email: "Không hợp lệ." });
    if (input.password.length < MIN_PASSWORD_LENGTH)
      throw invalid(`Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`, { password: `Tối thiểu ${MIN_PASSWORD_LENGTH} ký tự.` });
    if (!ROLES.includes(input.role)) throw invalid("Vai trò không hợp lệ.", { role: "Không hợp lệ." });
    const user: User = {
      id: randomUUID(),
      email,
      name: input.name.trim() || email,
      role: input.role,
      sections: input.sections ?? [],
      active: true,
      createdAt: new Date().toISOString(),
    };
    const passwordHash = await hashPassword(input.password);
    try {
      await store.db.send(
        new TransactWriteCommand({
          TransactItems: [
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
                Item: {
                  ...Keys.user(user.id),
                  gsi1pk: Keys.usersByRole(user.role),
                  gsi1sk: email,
                  entity: "User",
                  schemaVersion: 1,
                  ...user,
                  passwordHash,
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
        }),
      );
    } catch (error) {
      if ((error as Error).name === "TransactionCanceledException")
        throw new AppError("CONFLICT", "Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác.", { email: "Đã tồn tại." });
      throw error;
    }
    return user;
  },
};
