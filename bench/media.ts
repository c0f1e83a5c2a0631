/**
 * Media (docs/architecture.md, "Budgets"): a 12-megapixel JPEG through the image pipeline in a
 * child process (time and peak RSS; goal ≤ 1.5 s on one core, ≤ 512 MB), then 20 concurrent 5 MB
 * uploads straight to the bucket through presigned PUTs, as editors' browsers send them.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { createUpload } from "../functions/core/media/uploads";
import { startHarness } from "./harness";

export async function mediaBenchmark() {
  const harness = await startHarness();
  try {
    // A phone photo: 12 MP, EXIF orientation 6 and GPS, made here so the child only renders it.
    const GPS = { GPSLatitudeRef: "N", GPSLatitude: "10/1 2/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 40/1 0/1" };
    const photoPath = join(mkdtempSync(join(tmpdir(), "portal-bench-")), "photo.jpg");
    const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#5a7d9a", noise: { type: "gaussian", mean: 120, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: "Bench" }, IFD3: GPS })
      .toBuffer();
    writeFileSync(photoPath, photo);
    // Asynchronous: s3rver runs in this process and must keep answering the child.
    const { stdout: out } = await promisify(execFile)(process.execPath, ["--import", "tsx", "bench/media-image.ts"], {
      env: { ...process.env, BENCH_S3: harness.endpoints.s3, BENCH_DYNAMODB: harness.endpoints.dynamodb, BENCH_PHOTO: photoPath, UV_THREADPOOL_SIZE: "1" },
      encoding: "utf8",
    });
    rmSync(dirname(photoPath), { recursive: true, force: true });
    const image = JSON.parse(out.trim().split("\n").pop()!);
    console.log("\nImage pipeline (12 MP JPEG, orientation 6, GPS → 9 variants (8 + the 1200 px share copy) + placeholder, sharp concurrency 1)");
    console.log(`  ${image.ok ? "ok" : "FAILED"}: ${image.ms.toFixed(0)} ms (goal ≤ 1500), peak RSS ${image.peakRssMb.toFixed(0)} MB (goal ≤ 512; ${image.rssBeforeMb.toFixed(0)} MB before rendering)`);

    const SIZE = 5 * 1024 * 1024;
    const COUNT = 20;
    const body = randomBytes(SIZE);
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: COUNT }, async (_, i) => {
        const ticket = await createUpload(harness.store, { filename: `tai-lieu-${i}.zip`, contentType: "application/zip", size: SIZE }, { id: "bench", name: "Bench" });
        const res = await fetch(ticket.upload.url, { method: "PUT", headers: ticket.upload.headers, body });
        if (!res.ok) throw new Error(`PUT ${res.status}`);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r.status === "rejected").length;
    console.log(`\nUploads: ${COUNT} concurrent presigned PUTs of 5 MB to s3rver`);
    console.log(`  ${COUNT - failed}/${COUNT} ok in ${seconds.toFixed(2)} s: ${((COUNT * SIZE) / 1024 / 1024 / seconds).toFixed(0)} MB/s${failed ? `; ${failed} failed` : ""}`);
  } finally {
    await harness.close();
  }
}
