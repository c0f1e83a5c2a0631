/**
 * The work lists' optional filters (`GET /api/<kind>?view=…&section=&status=&author=&q=`,
 * core/publishing/lists.ts): applied by the server beyond the first page, without tones,
 * validated (400 in Vietnamese), and the published view's lines marked live.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
let writer: User;
let asWriter: string;
let asBoard: string;

const call = (cookie: string, method: string, path: string, body?: unknown) => request(app, method, path, { cookie, body });

async function draft(title: string, section = "kinh-te") {
  const res = await call(asWriter, "POST", "/api/articles", { kind: "news", title, summary: "Tóm tắt tin.", body: "<p>Nội dung tin.</p>", section });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

const titles = async (cookie: string, query: string) => {
  const res = await call(cookie, "GET", `/api/articles?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const page = await res.json();
  return { titles: page.items.map((item: { title: string }) => item.title) as string[], next: page.next as string | undefined, items: page.items };
};

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  app = createApp({ store });
  writer = await createUser(store, "writer", ["kinh-te", "van-hoa"], "Lê Văn Viết");
  const board = await createUser(store, "section-editor", ["kinh-te", "van-hoa"], "Trần Thị Duyệt");
  asWriter = await signIn(app, writer.email);
  asBoard = await signIn(app, board.email);
  // The oldest draft is the one searched for: past the first page of 20.
  const bridge = await draft("Khánh thành cầu treo bản Nậm Lò", "van-hoa");
  await call(asWriter, "POST", `/api/articles/${bridge.id}/submit`, { version: bridge.version });
  for (let i = 1; i <= 22; i++) await draft(`Tin kinh tế số ${i}`);
}, 120_000);

describe("work list filters", () => {
  it("finds by title without tones beyond the first page", async () => {
    const first = await titles(asWriter, "view=mine");
    expect(first.titles).toHaveLength(20);
    expect(first.titles).not.toContain("Khánh thành cầu treo bản Nậm Lò");
    const found = await titles(asWriter, `view=mine&q=${encodeURIComponent("CAU TREO ban nam lo")}`);
    expect(found.titles).toEqual(["Khánh thành cầu treo bản Nậm Lò"]);
    expect(found.next).toBeUndefined();
  });

  it("filters by section, status and author", async () => {
    expect((await titles(asWriter, "view=mine&section=van-hoa")).titles).toEqual(["Khánh thành cầu treo bản Nậm Lò"]);
    expect((await titles(asWriter, "view=mine&status=submitted")).titles).toEqual(["Khánh thành cầu treo bản Nậm Lò"]);
    expect((await titles(asWriter, "view=mine&status=returned")).titles).toEqual([]);
    expect((await titles(asBoard, `view=queue&author=${encodeURIComponent("le van")}`)).titles).toEqual(["Khánh thành cầu treo bản Nậm Lò"]);
    expect((await titles(asBoard, `view=queue&author=${writer.id}`)).titles).toHaveLength(1);
    expect((await titles(asBoard, "view=queue&author=nguoi-khac")).titles).toEqual([]);
    expect((await titles(asBoard, "view=queue&section=kinh-te")).titles).toEqual([]);
  });

  it("marks published lines live and filters them too", async () => {
    const [item] = (await titles(asBoard, "view=queue")).items;
    const approved = await call(asBoard, "POST", `/api/articles/${item.id}/approve`, { version: item.version });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const published = await titles(asBoard, "view=published&q=nam%20lo");
    expect(published.items).toMatchObject([{ title: "Khánh thành cầu treo bản Nậm Lò", status: "published", live: true, contentKind: "articles" }]);
    expect((await titles(asBoard, "view=published&section=kinh-te")).titles).toEqual([]);
    // Published views carry no author: an author filter finds nothing there rather than failing.
    expect((await titles(asBoard, "view=published&author=le")).titles).toEqual([]);
  });

  it("refuses bad filter values with a Vietnamese 400", async () => {
    for (const [query, field] of [
      ["view=mine&status=dang-cho", "status"],
      ["view=mine&section=%3Cscript%3E", "section"],
      [`view=mine&q=${"a".repeat(101)}`, "q"],
      [`view=queue&author=${"b".repeat(101)}`, "author"],
    ] as const) {
      const res = await call(asWriter, "GET", `/api/articles?${query}`);
      expect(res.status, query).toBe(400);
      const error = (await res.json()).error;
      expect(error.message).toBe("Bộ lọc danh sách không hợp lệ.");
      expect(error.fields[field], query).toBeTruthy();
    }
  });
});
