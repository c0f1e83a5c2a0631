/**
 * The upload half of the API agent (docs/architecture.md, "Media"): `POST /api/uploads` declares
 * the file, then the browser sends the bytes straight to the bucket's presigned URL(s), never
 * through the API. XMLHttpRequest, not fetch: only it reports upload progress.
 *
 * Up to 100 MB the server answers one presigned PUT; above, a multipart upload (`method:
 * "MULTIPART"`, `partSize`, one presigned URL per part): the slices go one after another (a weak
 * line carries one at a time better than several), each ETag is kept, and
 * `POST /api/uploads/:id/complete` assembles them. Progress is always over the whole file.
 */
import { api, ApiError, NETWORK_MESSAGE } from "./api";

type SingleTicket = { id: string; upload: { method: "PUT"; url: string; headers: Record<string, string> } };
type MultipartTicket = { id: string; upload: { method: "MULTIPART"; partSize: number; parts: { partNumber: number; url: string }[] } };
export type UploadTicket = SingleTicket | MultipartTicket;

export interface UploadProgress {
  loaded: number;
  total: number;
}

const TRANSFER_FAILED = "Gửi tệp lên kho lưu trữ không thành công. Hãy kiểm tra mạng rồi tải lên lại.";

/** PUTs `body` to a presigned URL with progress; resolves with the ETag header (multipart needs it). */
function put(url: string, headers: Record<string, string>, body: Blob, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size);
        resolve(xhr.getResponseHeader("ETag") ?? "");
      } else reject(new ApiError(xhr.status, "UPLOAD_FAILED", TRANSFER_FAILED));
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", NETWORK_MESSAGE));
    xhr.onabort = () => reject(new DOMException("Đã hủy tải lên.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/**
 * Uploads `file` and resolves with the new media id once the bytes are in the bucket (processing
 * then runs on the server: poll `GET /api/media/:id`). A refusal of the declared file (type,
 * size) is the server's 400 with its Vietnamese message.
 */
export async function uploadFile(file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<string> {
  const total = file.size;
  const ticket = await api.post<UploadTicket>("/api/uploads", {
    filename: file.name,
    // Browsers leave the type empty for names they do not know; the server sniffs the bytes anyway.
    contentType: file.type || "application/octet-stream",
    size: total,
  });
  onProgress({ loaded: 0, total });
  if (ticket.upload.method === "PUT") {
    await put(ticket.upload.url, ticket.upload.headers, file, (loaded) => onProgress({ loaded, total }), signal);
    return ticket.id;
  }

  const { partSize, parts } = ticket.upload;
  const done: { partNumber: number; etag: string }[] = [];
  let sent = 0;
  for (const part of [...parts].sort((a, b) => a.partNumber - b.partNumber)) {
    const start = (part.partNumber - 1) * partSize;
    const slice = file.slice(start, Math.min(start + partSize, total));
    const etag = await put(part.url, {}, slice, (loaded) => onProgress({ loaded: sent + loaded, total }), signal);
    if (!etag) throw new ApiError(0, "UPLOAD_FAILED", "Kho lưu trữ không trả về mã xác nhận của phần tệp (ETag). Hãy báo cho quản trị viên.");
    done.push({ partNumber: part.partNumber, etag });
    sent += slice.size;
  }
  await api.post(`/api/uploads/${encodeURIComponent(ticket.id)}/complete`, { parts: done });
  return ticket.id;
}

/** "45 %" in vi-VN. */
export function percent(progress: UploadProgress): number {
  return progress.total > 0 ? Math.min(100, Math.floor((progress.loaded / progress.total) * 100)) : 0;
}
