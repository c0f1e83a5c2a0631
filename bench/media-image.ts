/**
 * Child process of bench/media.ts: one 12-megapixel phone photo (EXIF orientation 6, GPS) through
 * the image pipeline (media/images.ts renderImage: decode, rotate, strip, every variant, the
 * placeholder), writing to the s3rver whose endpoint the parent passes. Prints one JSON line:
 * wall time and this process's peak RSS, so the memory figure is the pipeline's, not the bench's.
 */
import sharp from "sharp";
import { renderImage } from "../functions/core/media/images";
import { createStore } from "../functions/core/storage/store";
import { localStoreOptions } from "../scripts/local/emulators";

const [dynamodb, s3] = [process.env.BENCH_DYNAMODB!, process.env.BENCH_S3!];
const store = createStore(localStoreOptions({ dynamodb, s3 }, { table: "bench", bucket: "bench" }));
const GPS = { GPSLatitudeRef: "N", GPSLatitude: "10/1 2/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 40/1 0/1" };
const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#5a7d9a", noise: { type: "gaussian", mean: 120, sigma: 40 } } })
  .jpeg({ quality: 90 })
  .withMetadata({ orientation: 6 })
  .withExif({ IFD0: { Make: "Bench" }, IFD3: GPS })
  .toBuffer();
const rssBefore = process.resourceUsage().maxRSS;
const started = performance.now();
const result = await renderImage(store, "bench-photo", new Uint8Array(photo));
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, inputBytes: photo.length, peakRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: rssBefore / 1024, ok: !("error" in result) }));
