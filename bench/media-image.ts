/**
 * Child process of bench/media.ts: one 12-megapixel phone photo (EXIF orientation 6, GPS) through
 * the image pipeline (media/images.ts renderImage: decode, rotate, strip, every variant, the
 * placeholder), writing to the s3rver whose endpoint the parent passes. Prints one JSON line:
 * wall time and this process's peak RSS (Node and tsx included, as a Lambda's would be), so the
 * memory figure is the pipeline's, not the bench's or the photo maker's.
 */
import { readFileSync } from "node:fs";
import { renderImage } from "../functions/core/media/images";
import { createStore } from "../functions/core/storage/sdk-store";
import { localStoreOptions } from "../scripts/local/emulators";

const [dynamodb, s3] = [process.env.BENCH_DYNAMODB!, process.env.BENCH_S3!];
const store = createStore(localStoreOptions({ dynamodb, s3 }, { table: "bench", bucket: "bench" }));
// The photo is made by the parent: encoding it here would put a second 12 MP image in this peak.
const photo = readFileSync(process.env.BENCH_PHOTO!);
const rssBefore = process.resourceUsage().maxRSS;
const started = performance.now();
const result = await renderImage(store, "bench-photo", new Uint8Array(photo));
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, inputBytes: photo.length, peakRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: rssBefore / 1024, ok: !("error" in result) }));
