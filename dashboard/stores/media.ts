/**
 * The media library (`/api/media`) and the uploads in progress. Uploads live here, not in the
 * screen, so leaving the library and coming back keeps their progress. After the bytes are in
 * the bucket the server processes them (sniffing, image variants): the record is polled until it
 * is `ready` or `failed` (the server marks anything stuck as failed, so polling ends).
 */
import { createStore, produce } from "solid-js/store";
import { api, ApiError, messageOf, type Page } from "../api";
import type { MediaRecord } from "../types";
import { uploadFile, type UploadProgress } from "../upload";

export type MediaKind = "image" | "file" | "video";
const path = (id?: string) => (id ? `/api/media/${encodeURIComponent(id)}` : "/api/media");

export interface UploadState {
  key: number;
  filename: string;
  progress: UploadProgress;
  /** sending: bytes on their way; processing: on the server; then ready or failed. */
  phase: "sending" | "processing" | "ready" | "failed";
  error?: string;
  record?: MediaRecord;
}

const [uploads, setUploads] = createStore<UploadState[]>([]);
let nextKey = 1;
/** Called with each record that finished processing (the library screen puts it on top). */
const listeners = new Set<(record: MediaRecord) => void>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function change(key: number, update: (state: UploadState) => void) {
  setUploads(produce((all) => {
    const state = all.find((one) => one.key === key);
    if (state) update(state);
  }));
}

/** Polls until processed: every second at first, then less often; a network hiccup is retried. */
async function untilProcessed(id: string): Promise<MediaRecord> {
  for (let attempt = 0; ; attempt++) {
    await sleep(attempt < 20 ? 1000 : 3000);
    try {
      const record = await media.get(id);
      if (record.status !== "processing") return record;
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 0 && error.status < 500)) throw error;
    }
  }
}

export const media = {
  uploads,
  list: (kind: MediaKind | "", cursor?: string) => api.get<Page<MediaRecord>>(path(), { query: { kind, cursor } }),
  get: (id: string) => api.get<MediaRecord>(path(id)),
  update: (id: string, version: number, fields: { alt: string; caption: string; credit: string }) => api.patch<MediaRecord>(path(id), { version, ...fields }),
  remove: (id: string, version: number) => api.delete(path(id), { query: { version } }),

  onProcessed(listener: (record: MediaRecord) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** Starts uploading each file; progress and outcome show in `uploads`. */
  upload(files: File[]): void {
    for (const file of files) {
      const key = nextKey++;
      setUploads((all) => [{ key, filename: file.name, progress: { loaded: 0, total: file.size }, phase: "sending" }, ...all]);
      void (async () => {
        try {
          const id = await uploadFile(file, (progress) => change(key, (state) => (state.progress = progress)));
          change(key, (state) => (state.phase = "processing"));
          const record = await untilProcessed(id);
          change(key, (state) => {
            state.phase = record.status === "ready" ? "ready" : "failed";
            state.error = record.error;
            state.record = record;
          });
          for (const listener of listeners) listener(record);
        } catch (error) {
          change(key, (state) => {
            state.phase = "failed";
            state.error = messageOf(error);
          });
        }
      })();
    }
  },

  dismiss(key: number): void {
    setUploads((all) => all.filter((one) => one.key !== key));
  },
};
