import { Hono } from "hono";
import { z } from "zod";
import { canDeleteMedia, canEditMedia, forbidden } from "../../core/accounts/permissions";
import { MediaLibrary, type MediaKind } from "../../core/media/library";
import { MEDIA_ID } from "../../core/media/types";
import { abortUpload, completeUpload } from "../../core/media/multipart";
import { startUpload } from "../../core/media/uploads";
import { invalid, notFound } from "../../core/shared/errors";
import { plainText } from "../../core/shared/html";
import { optionalText, parse, text } from "../../core/shared/validation";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

const UploadInput = z.object({
  filename: text("Tên tệp", 255),
  contentType: z.string({ error: "Loại tệp (contentType) phải là chuỗi ký tự." }).max(200, { error: "Loại tệp quá dài." }),
  size: z.number({ error: "Kích thước tệp (size) phải là số byte." }).int({ error: "Kích thước tệp phải là số nguyên." }),
});

/** `POST /uploads/:id/complete`: the parts the browser PUT, with the ETag header each PUT answered. */
const CompleteInput = z.object({
  parts: z
    .array(
      z.object({
        partNumber: z.number({ error: "Số thứ tự phần (partNumber) phải là số." }).int({ error: "Số thứ tự phần phải là số nguyên." }).min(1).max(10_000),
        etag: z.string({ error: "Mã ETag của phần phải là chuỗi ký tự." }).min(1, { error: "Thiếu mã ETag của phần." }).max(200, { error: "Mã ETag quá dài." }),
      }),
      { error: "Danh sách phần (parts) phải là mảng." },
    )
    .min(1, { error: "Chưa có phần nào của tệp." })
    .max(10_000, { error: "Quá nhiều phần." }),
});

/** Plain text (html.ts plainText: tags dropped, whitespace collapsed); "" clears the field. */
const plain = (label: string, max: number) => optionalText(label, max).transform(plainText);

const MediaPatch = z.object({
  alt: plain("Mô tả ảnh (alt)", 300).optional(),
  caption: plain("Chú thích", 1000).optional(),
  credit: plain("Nguồn / tác giả ảnh", 200).optional(),
  version: z.number({ error: "Phiên bản (version) phải là số." }).int().min(1, { error: "Phiên bản không hợp lệ." }).optional(),
});

const KINDS: MediaKind[] = ["image", "file", "video"];

const notInLibrary = () => notFound("Không tìm thấy tệp trong thư viện.");

/**
 * Uploads and the media library (docs/architecture.md, "Media"), mounted at `/api` behind
 * requireStaff (staff.ts): `POST /uploads` (presigned PUT, or the parts of a multipart upload above
 * 100 MB), `POST /uploads/:id/complete`, `DELETE /uploads/:id` (cancel), `GET /media?kind=&cursor=&limit=`,
 * `GET|PATCH|DELETE /media/:id`. Any staff member uploads and reads; editing and deleting follow
 * core/accounts/permissions.ts (canEditMedia, canDeleteMedia).
 */
export function createMediaApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();
  const store = deps.store;
  const id = (value: string) => {
    if (!MEDIA_ID.test(value)) throw notInLibrary();
    return value;
  };

  api.post("/uploads", async (c) => {
    const input = parse(UploadInput, await readJson(c));
    const staff = c.get("staff");
    const { record, ...ticket } = await startUpload(store, input, { id: staff.id, name: staff.name });
    void record;
    return c.json(ticket, 201);
  });

  // Multipart uploads (core/media/multipart.ts): only the uploader or an admin finishes or cancels one.
  api.post("/uploads/:id/complete", async (c) => {
    const uploadId = id(c.req.param("id"));
    const { parts } = parse(CompleteInput, await readJson(c));
    return c.json(await completeUpload(store, uploadId, parts, c.get("staff")));
  });

  api.delete("/uploads/:id", async (c) => {
    await abortUpload(store, id(c.req.param("id")), c.get("staff"));
    return c.body(null, 204);
  });

  api.get("/media", async (c) => {
    const kind = c.req.query("kind");
    if (kind !== undefined && kind !== "" && !KINDS.includes(kind as MediaKind))
      throw invalid("Loại tệp cần lọc không hợp lệ.", { kind: "Chỉ nhận image, file hoặc video." });
    const limit = c.req.query("limit");
    if (limit !== undefined && !/^\d{1,3}$/.test(limit)) throw invalid("Số mục mỗi trang không hợp lệ.", { limit: "Từ 1 đến 100." });
    return c.json(
      await MediaLibrary.list(store, { kind: (kind || undefined) as MediaKind | undefined, cursor: c.req.query("cursor"), limit: limit === undefined ? undefined : Number(limit) }),
    );
  });

  api.get("/media/:id", async (c) => {
    const record = await MediaLibrary.get(store, id(c.req.param("id")));
    if (!record) throw notInLibrary();
    return c.json(record);
  });

  api.patch("/media/:id", async (c) => {
    const mediaId = id(c.req.param("id"));
    const patch = parse(MediaPatch, await readJson(c));
    const record = await MediaLibrary.get(store, mediaId);
    if (!record) throw notInLibrary();
    if (!canEditMedia(c.get("staff"), record)) throw forbidden("Chỉ người tải lên, biên tập viên chuyên mục hoặc lãnh đạo được sửa thông tin tệp này.");
    const { version, ...fields } = patch;
    return c.json(await MediaLibrary.update(store, mediaId, fields, { version }));
  });

  api.delete("/media/:id", async (c) => {
    const mediaId = id(c.req.param("id"));
    const raw = c.req.query("version");
    if (raw !== undefined && !/^[1-9]\d{0,8}$/.test(raw)) throw invalid("Phiên bản không hợp lệ.", { version: "Phải là số nguyên dương." });
    const record = await MediaLibrary.get(store, mediaId);
    if (!record) throw notInLibrary();
    if (!canDeleteMedia(c.get("staff"), record)) throw forbidden("Chỉ người tải lên, Tổng biên tập hoặc quản trị viên được xóa tệp này.");
    await MediaLibrary.remove(store, mediaId, { version: raw === undefined ? undefined : Number(raw) });
    // Public copies are cached for a year at the edge: drop them there too.
    await deps.invalidator?.invalidate([`/media/${mediaId}/*`]);
    return c.body(null, 204);
  });

  return api;
}
