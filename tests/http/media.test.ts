import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { getStored, MediaLibrary } from "../../functions/core/media/library";
import { processUpload } from "../../functions/core/media/process";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { transact, type Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createUser, request, signIn } from "../support/auth";
import { head, putToTicket, Samples } from "../support/media";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let writer: User;
let asWriter: string;
let asWriter2: string;
let asSectionEditor: string;
let asChief: string;
let asAdmin: string;

const call = (cookie: string | undefined, method: string, path: string, body?: unknown) => request(app, method, path, { cookie, body });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });

/** An upload through the route, its bytes PUT to the presigned URL and processed. */
async function uploaded(cookie: string, filename = "Báo cáo quý III.pdf", bytes = Samples.pdf()) {
  const res = await json(await call(cookie, "POST", "/api/uploads", { filename, contentType: "application/pdf", size: bytes.length }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await putToTicket(res.body, bytes)).status).toBe(200);
  await processUpload(store, (await getStored(store, res.body.id))!.uploadKey!);
  return res.body.id as string;
}

beforeAll(async () => {
  store = await createTestStore();
  app = createApp({ store, invalidator });
  writer = await createUser(store, "writer", ["kinh-te"], "Lê Thu Hà");
  const writer2 = await createUser(store, "writer", ["kinh-te"], "Phạm Văn Nam");
  const sectionEditor = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  const chief = await createUser(store, "editor-in-chief", [], "Nguyễn Văn Tổng");
  const admin = await createUser(store, "admin");
  const cookies = await Promise.all([writer, writer2, sectionEditor, chief, admin].map((user) => signIn(app, user.email)));
  [asWriter, asWriter2, asSectionEditor, asChief, asAdmin] = cookies as [string, string, string, string, string];
}, 60_000);

describe("media routes", () => {
  it("answer 401 without a session, on every route", async () => {
    for (const [method, path] of [["POST", "/api/uploads"], ["GET", "/api/media"], ["GET", "/api/media/abc"], ["PATCH", "/api/media/abc"], ["DELETE", "/api/media/abc"]] as const) {
      const res = await call(undefined, method, path, method === "POST" || method === "PATCH" ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it("POST /api/uploads: 201 with a presigned PUT for any staff member; 400s naming the field", async () => {
    const ok = await json(await call(asWriter, "POST", "/api/uploads", { filename: "Kế hoạch.pdf", contentType: "application/pdf", size: 4096 }));
    expect(ok.status).toBe(201);
    expect(Object.keys(ok.body).sort()).toEqual(["id", "upload"]);
    expect(ok.body.upload).toMatchObject({ method: "PUT", headers: { "Content-Type": "application/pdf" } });
    expect(ok.body.upload.url).toContain(`/uploads/${ok.body.id}/ke-hoach.pdf?`);

    const bad = async (body: unknown, field: string) => {
      const res = await json(await call(asWriter, "POST", "/api/uploads", body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION");
      expect(Object.keys(res.body.error.fields)).toContain(field);
      expect(res.body.error.message).toMatch(/[ạảãáàâấầẩậăắằẳặêếềểệôốồổộơớờởợưứừửựđ]/);
    };
    await bad({ filename: "virus.exe", contentType: "application/x-msdownload", size: 100 }, "contentType");
    await bad({ filename: "lon.pdf", contentType: "application/pdf", size: 60 * 1024 * 1024 }, "size");
    await bad({ filename: "phim.mp4", contentType: "video/mp4", size: 500 * 1024 * 1024 + 1 }, "size");
    await bad({ filename: "", contentType: "application/pdf", size: 100 }, "filename");
    await bad({ filename: "a.pdf", contentType: "application/pdf", size: "100" }, "size");
    await bad({ filename: "a.pdf", contentType: "application/pdf", size: 1.5 }, "size");
    await bad({ filename: "a.pdf", size: 100 }, "contentType");
    const notJson = await app.request("/api/uploads", { method: "POST", headers: { Origin: "http://localhost", Cookie: asWriter, "Content-Type": "text/plain" }, body: "x" });
    expect(notJson.status).toBe(400);
  });

  it("GET /api/media/:id and the list, newest first, by kind, paged", async () => {
    const first = await uploaded(asWriter, "Thứ nhất.pdf");
    const second = await uploaded(asWriter2, "Thứ hai.pdf");
    const video = await json(await call(asWriter, "POST", "/api/uploads", { filename: "Phóng sự.mp4", contentType: "video/mp4", size: 4096 }));
    const one = await json(await call(asWriter2, "GET", `/api/media/${first}`));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: first, kind: "file", status: "ready", filename: "Thứ nhất.pdf", contentType: "application/pdf", url: `/media/${first}/thu-nhat.pdf` });
    expect(one.body).not.toHaveProperty("uploadKey");
    expect(one.body).not.toHaveProperty("pk");

    const files = await json(await call(asWriter, "GET", "/api/media?kind=file&limit=1"));
    expect(files.status).toBe(200);
    expect(files.body.items.map((item: { id: string }) => item.id)).toEqual([second]);
    const next = await json(await call(asWriter, "GET", `/api/media?kind=file&limit=1&cursor=${files.body.next}`));
    expect(next.body.items.map((item: { id: string }) => item.id)).toEqual([first]);
    const videos = await json(await call(asWriter, "GET", "/api/media?kind=video"));
    expect(videos.body.items.map((item: { id: string }) => item.id)).toEqual([video.body.id]);
    const all = await json(await call(asWriter, "GET", "/api/media"));
    expect(all.body.items.slice(0, 3).map((item: { id: string }) => item.id)).toEqual([video.body.id, second, first]);

    expect((await call(asWriter, "GET", "/api/media?kind=anh")).status).toBe(400);
    expect((await call(asWriter, "GET", "/api/media?limit=abc")).status).toBe(400);
    expect((await call(asWriter, "GET", "/api/media?kind=file&cursor=khong-hop-le")).status).toBe(400);
    // A cursor of the "all" list does not page a kind's list.
    const allPage = await json(await call(asWriter, "GET", "/api/media?limit=1"));
    expect((await call(asWriter, "GET", `/api/media?kind=file&cursor=${allPage.body.next}`)).status).toBe(400);
    expect((await call(asWriter, "GET", "/api/media/khong-co")).status).toBe(404);
    expect((await call(asWriter, "GET", "/api/media/%3Cscript%3E")).status).toBe(404);
  });

  it("PATCH /api/media/:id: plain text with limits, versioned; uploader, section editors and chiefs only", async () => {
    const id = await uploaded(asWriter);
    const res = await json(await call(asWriter, "PATCH", `/api/media/${id}`, { alt: "Hội nghị <b>tổng kết</b>", caption: "Toàn cảnh hội nghị\u202E", credit: "Báo Hòa Phong", version: 1 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ alt: "Hội nghị tổng kết", caption: "Toàn cảnh hội nghị", credit: "Báo Hòa Phong", version: 2 });
    expect((await call(asWriter, "PATCH", `/api/media/${id}`, { alt: "Cũ", version: 1 })).status).toBe(409);
    expect((await json(await call(asWriter, "PATCH", `/api/media/${id}`, { alt: "x".repeat(301) }))).body.error.fields).toHaveProperty("alt");
    expect((await call(asWriter, "PATCH", `/api/media/${id}`, { caption: 5 })).status).toBe(400);
    expect((await call(asWriter2, "PATCH", `/api/media/${id}`, { alt: "Không được" })).status).toBe(403);
    const bySectionEditor = await json(await call(asSectionEditor, "PATCH", `/api/media/${id}`, { credit: "" }));
    expect(bySectionEditor.status).toBe(200);
    expect(bySectionEditor.body).not.toHaveProperty("credit");
    expect((await call(asChief, "PATCH", `/api/media/${id}`, { caption: "Chú thích mới" })).status).toBe(200);
    expect((await call(asWriter, "PATCH", "/api/media/khong-co", { alt: "x" })).status).toBe(404);
  });

  it("DELETE /api/media/:id: uploader or chiefs; 409 with the uses while used; removes the objects", async () => {
    const id = await uploaded(asWriter, "Xóa thử.pdf");
    const publicKey = `media/${id}/xoa-thu.pdf`;
    expect(await head(store, publicKey)).toBeDefined();
    expect((await call(asWriter2, "DELETE", `/api/media/${id}`)).status).toBe(403);
    expect((await call(asSectionEditor, "DELETE", `/api/media/${id}`)).status).toBe(403);

    await transact(store, [MediaLibrary.useUpdate(store, id, "documents#vb-01", "add")]);
    const used = await json(await call(asWriter, "DELETE", `/api/media/${id}`));
    expect(used.status).toBe(409);
    expect(used.body.error.uses).toEqual(["documents#vb-01"]);
    expect((await MediaLibrary.get(store, id))!.uses).toEqual(["documents#vb-01"]);
    await transact(store, [MediaLibrary.useUpdate(store, id, "documents#vb-01", "remove")]);
    expect((await MediaLibrary.get(store, id))!.uses).toBeUndefined();

    expect((await call(asWriter, "DELETE", `/api/media/${id}?version=7`)).status).toBe(409);
    expect((await call(asWriter, "DELETE", `/api/media/${id}?version=abc`)).status).toBe(400);
    expect((await call(asWriter, "DELETE", `/api/media/${id}?version=1`)).status).toBe(204);
    expect(await MediaLibrary.get(store, id)).toBeUndefined();
    expect(await head(store, publicKey)).toBeUndefined();
    expect(invalidator.paths).toContain(`/media/${id}/*`);
    expect((await call(asWriter, "DELETE", `/api/media/${id}`)).status).toBe(404);

    const another = await uploaded(asWriter2, "Của người khác.pdf");
    expect((await call(asChief, "DELETE", `/api/media/${another}`)).status).toBe(204);
    const third = await uploaded(asWriter2, "Thứ ba.pdf");
    expect((await call(asAdmin, "DELETE", `/api/media/${third}`)).status).toBe(204);
  });

  it("adding a use of a media item that does not exist fails the content's transaction", async () => {
    await expect(transact(store, [MediaLibrary.useUpdate(store, "khong-co", "documents#vb-02", "add")])).rejects.toMatchObject({ code: "CONFLICT" });
    void writer;
  });
});
