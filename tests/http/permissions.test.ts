/**
 * Every role × every editorial action, in a section the user is assigned to and in one they are
 * not, through the HTTP API against DynamoDB Local. Allowed actions succeed; the rest get 403 and
 * change nothing.
 */
import { QueryCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { articleEngine } from "../support/engine";
import type { Item } from "../../functions/core/publishing/kind";
import type { ArticleContent } from "../../functions/core/reader/articles";
import type { Store } from "../../functions/core/storage/store";
import type { Role, SessionUser, User } from "../../functions/core/accounts/users";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

type Action = "create" | "edit own" | "edit other's" | "submit" | "approve" | "return" | "unpublish" | "schedule" | "manage users" | "manage sections";
const ROLES: Role[] = ["admin", "editor-in-chief", "section-editor", "writer"];
const ACTIONS: Action[] = ["create", "edit own", "edit other's", "submit", "approve", "return", "unpublish", "schedule", "manage users", "manage sections"];

/** The expected matrix: [assigned section, unassigned section]. */
const ALLOWED: Record<Role, Record<Action, [boolean, boolean]>> = {
  admin: Object.fromEntries(ACTIONS.map((a) => [a, [true, true]])) as Record<Action, [boolean, boolean]>,
  "editor-in-chief": {
    create: [true, true], "edit own": [true, true], "edit other's": [true, true], submit: [true, true], approve: [true, true],
    return: [true, true], unpublish: [true, true], schedule: [true, true], "manage users": [false, false], "manage sections": [false, false],
  },
  "section-editor": {
    create: [true, false], "edit own": [true, false], "edit other's": [true, false], submit: [true, false], approve: [true, false],
    return: [true, false], unpublish: [true, false], schedule: [true, false], "manage users": [false, false], "manage sections": [false, false],
  },
  writer: {
    create: [true, false], "edit own": [true, false], "edit other's": [false, false], submit: [true, false], approve: [false, false],
    return: [false, false], unpublish: [false, false], schedule: [false, false], "manage users": [false, false], "manage sections": [false, false],
  },
};

let store: Store;
let app: ReturnType<typeof createApp>;
const users = {} as Record<Role, User>;
const cookies = {} as Record<Role, string>;
let otherAuthor: User;

const asSession = (user: User): SessionUser => ({ id: user.id, email: user.email, name: user.name, role: user.role, sections: user.sections });
// Set-up writes with the powers of a chief but the identity of the given author.
const setupAs = (author: User): SessionUser => ({ ...asSession(author), role: "editor-in-chief" });

async function articleIn(sectionId: string, author: User, state: "draft" | "submitted" | "published"): Promise<Item<ArticleContent>> {
  const chief = setupAs(author);
  const engine = articleEngine(store);
  let { item: article } = await engine.create(chief, { kind: "news", title: `Bài thử ${Math.random()}`, summary: "Tóm tắt", body: "<p>Nội dung</p>", section: sectionId });
  if (state !== "draft") ({ item: article } = await engine.submit(chief, article.id, { version: article.version }));
  // The author approves as a chief: four eyes asks for a reason.
  if (state === "published") ({ item: article } = await engine.approve(chief, article.id, { version: article.version, reason: "Dữ liệu thử nghiệm" }));
  return article;
}

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  for (const role of ROLES) {
    users[role] = await createUser(store, role, role === "section-editor" || role === "writer" ? ["kinh-te"] : []);
    cookies[role] = await signIn(app ?? (app = createApp({ store })), users[role].email);
  }
  otherAuthor = await createUser(store, "writer", ["kinh-te", "van-hoa"], "Tác giả khác");
}, 120_000);

async function attempt(role: Role, action: Action, sectionId: string) {
  const cookie = cookies[role];
  const me = users[role];
  const future = new Date(Date.now() + 3600_000).toISOString();
  const go = (method: string, path: string, body: unknown) => request(app, method, path, { body, cookie });
  switch (action) {
    case "create": {
      const res = await go("POST", "/api/articles", { kind: "news", title: "Bài mới", summary: "", body: "<p>x</p>", section: sectionId });
      return { res, unchanged: async () => (await articleEngine(store).list(asSession(me), "mine")).items.every((a) => a.sectionId !== sectionId || a.title !== "Bài mới") };
    }
    case "edit own":
    case "edit other's": {
      const article = await articleIn(sectionId, action === "edit own" ? me : otherAuthor, "draft");
      const res = await go("PATCH", `/api/articles/${article.id}`, { version: article.version, title: "Tiêu đề đã sửa" });
      return { res, unchanged: async () => (await articleEngine(store).load(article.id))!.version === article.version };
    }
    case "submit": {
      const article = await articleIn(sectionId, me, "draft");
      const res = await go("POST", `/api/articles/${article.id}/submit`, { version: article.version });
      return { res, unchanged: async () => (await articleEngine(store).load(article.id))!.status === "draft" };
    }
    case "approve":
    case "return":
    case "schedule": {
      const article = await articleIn(sectionId, otherAuthor, "submitted");
      const body = action === "return" ? { version: article.version, reason: "Cần bổ sung số liệu." } : action === "schedule" ? { version: article.version, at: future } : { version: article.version };
      const res = await go("POST", `/api/articles/${article.id}/${action}`, body);
      const unchanged = async () => {
        const now = (await articleEngine(store).load(article.id))!;
        const view = await app.request(`/bai-viet/${article.slug}`);
        return now.version === article.version && now.status === "submitted" && view.status === 404;
      };
      return { res, unchanged };
    }
    case "unpublish": {
      const article = await articleIn(sectionId, otherAuthor, "published");
      const res = await go("POST", `/api/articles/${article.id}/unpublish`, { version: article.version });
      return { res, unchanged: async () => (await app.request(`/bai-viet/${article.slug}`)).status === 200 };
    }
    case "manage users": {
      const email = `moi-${Math.random().toString(36).slice(2)}@hoaphong.example.vn`;
      const res = await go("POST", "/api/users", { email, password: "mat-khau-du-dai-456", name: "Mới", role: "writer", sections: [sectionId] });
      const unchanged = async () => {
        const out = await store.db.send(new QueryCommand({ TableName: store.table, IndexName: "gsi2", KeyConditionExpression: "gsi2pk = :pk AND gsi2sk = :email", ExpressionAttributeValues: { ":pk": "USERS", ":email": email } }));
        return (out.Items ?? []).length === 0;
      };
      return { res, unchanged };
    }
    case "manage sections": {
      const res = await go("PATCH", `/api/sections/${sectionId}`, { name: `Đổi tên bởi ${role}` });
      return { res, unchanged: async () => !(await (await app.request("/api/sections")).json()).some((s: { name: string }) => s.name === `Đổi tên bởi ${role}`) };
    }
  }
}

describe.each(ROLES)("%s", (role) => {
  it.each(ACTIONS.flatMap((action) => [[action, "kinh-te", 0] as const, [action, "van-hoa", 1] as const]))(
    "%s in %s",
    async (action, sectionId, column) => {
      const expected = ALLOWED[role][action][column];
      const { res, unchanged } = await attempt(role, action, sectionId);
      if (expected) {
        expect(res.status, await res.clone().text()).toBeLessThan(300);
      } else {
        expect(res.status, await res.clone().text()).toBe(403);
        expect(await unchanged()).toBe(true);
      }
    },
  );
});

describe("guests", () => {
  it.each([
    ["POST", "/api/articles"],
    ["GET", "/api/articles"],
    ["GET", "/api/users"],
    ["POST", "/api/sections"],
    ["GET", "/api/audit?day=2026-11-26"],
    ["GET", "/api/auth/me"],
  ])("%s %s needs a session", async (method, path) => {
    const res = await request(app, method, path, { body: method === "POST" ? {} : undefined });
    expect(res.status).toBe(401);
  });
});
