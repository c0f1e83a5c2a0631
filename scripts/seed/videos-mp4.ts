/**
 * Real, playable MP4 files for the demo videos, made here without ffmpeg (none on the machines
 * that run the seed): an H.264 Baseline stream whose pictures are coded as I_PCM macroblocks (the
 * samples themselves, no transform or entropy coding: trivially correct) and whose unchanged
 * macroblocks are P_Skip (a copy of the previous picture, a few bits each), in an ISO BMFF
 * container with the index first ("fast start"), so browsers play it as any camera's MP4.
 *
 * Frames are drawn as SVG (the seed's landscapes, images.ts) and rendered by sharp; only the
 * macroblocks that changed since the previous frame are sent, so a drifting cloud over a still
 * landscape stays small. Deblocking is off and PCM is lossless, so every decoded picture equals
 * the drawn one exactly and skipped macroblocks never drift.
 */
import { createRequire } from "node:module";
import { sceneSvg, type Scene } from "./images";

const MB = 16;

/** An RBSP bit writer with Exp-Golomb codes (H.264 §7.2, §9.1). */
class Bits {
  private bytes: number[] = [];
  private current = 0;
  private count = 0;
  bit(b: number) {
    this.current = (this.current << 1) | (b & 1);
    if (++this.count === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.count = 0;
    }
  }
  u(value: number, bits: number) {
    for (let i = bits - 1; i >= 0; i--) this.bit(Math.floor(value / 2 ** i) % 2);
  }
  ue(value: number) {
    const x = value + 1;
    const length = Math.floor(Math.log2(x)) + 1;
    this.u(0, length - 1);
    this.u(x, length);
  }
  se(value: number) {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }
  /** pcm_alignment_zero_bit, then whole bytes. */
  raw(samples: Uint8Array) {
    while (this.count) this.bit(0);
    for (const sample of samples) this.bytes.push(sample);
  }
  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  finish(): Uint8Array {
    this.bit(1);
    while (this.count) this.bit(0);
    return Uint8Array.from(this.bytes);
  }
}

/** A NAL unit: header byte, then the RBSP with emulation prevention (00 00 0x → 00 00 03 0x). */
function nal(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const out: number[] = [(refIdc << 5) | type];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

/** A picture in 4:2:0 (I420) at the coded size (whole macroblocks). */
export interface Picture {
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

interface Geometry {
  width: number;
  height: number;
  mbWidth: number;
  mbHeight: number;
}

/** Baseline profile, level 3.0, frame_num 4 bits, picture order from frame_num (no B pictures), one reference, cropped to the display size. */
function sps(g: Geometry): Uint8Array {
  const b = new Bits();
  b.u(66, 8); // profile_idc: Baseline
  b.u(0b11000000, 8); // constraint_set0/1: Baseline and Main decoders both take it
  b.u(30, 8); // level_idc 3.0
  b.ue(0); // seq_parameter_set_id
  b.ue(0); // log2_max_frame_num_minus4
  b.ue(2); // pic_order_cnt_type 2: output order = decoding order
  b.ue(1); // max_num_ref_frames
  b.u(0, 1); // gaps_in_frame_num_value_allowed_flag
  b.ue(g.mbWidth - 1);
  b.ue(g.mbHeight - 1);
  b.u(1, 1); // frame_mbs_only_flag
  b.u(1, 1); // direct_8x8_inference_flag
  const cropRight = (g.mbWidth * MB - g.width) / 2;
  const cropBottom = (g.mbHeight * MB - g.height) / 2;
  b.u(cropRight || cropBottom ? 1 : 0, 1);
  if (cropRight || cropBottom) {
    b.ue(0);
    b.ue(cropRight);
    b.ue(0);
    b.ue(cropBottom);
  }
  b.u(0, 1); // vui_parameters_present_flag
  return nal(3, 7, b.finish());
}

function pps(): Uint8Array {
  const b = new Bits();
  b.ue(0); // pic_parameter_set_id
  b.ue(0); // seq_parameter_set_id
  b.u(0, 1); // entropy_coding_mode_flag: CAVLC
  b.u(0, 1); // bottom_field_pic_order_in_frame_present_flag
  b.ue(0); // num_slice_groups_minus1
  b.ue(0); // num_ref_idx_l0_default_active_minus1
  b.ue(0); // num_ref_idx_l1_default_active_minus1
  b.u(0, 1); // weighted_pred_flag
  b.u(0, 2); // weighted_bipred_idc
  b.se(0); // pic_init_qp_minus26
  b.se(0); // pic_init_qs_minus26
  b.se(0); // chroma_qp_index_offset
  b.u(1, 1); // deblocking_filter_control_present_flag (slices turn it off)
  b.u(0, 1); // constrained_intra_pred_flag
  b.u(0, 1); // redundant_pic_cnt_present_flag
  return nal(3, 8, b.finish());
}

/** The 384 samples of macroblock `index`: 16×16 luma, 8×8 Cb, 8×8 Cr, raster order. */
function macroblock(picture: Picture, g: Geometry, index: number): Uint8Array {
  const out = new Uint8Array(384);
  const mx = index % g.mbWidth;
  const my = Math.floor(index / g.mbWidth);
  const lumaStride = g.mbWidth * MB;
  for (let row = 0; row < 16; row++) out.set(picture.y.subarray((my * 16 + row) * lumaStride + mx * 16, (my * 16 + row) * lumaStride + mx * 16 + 16), row * 16);
  const chromaStride = lumaStride / 2;
  for (const [plane, offset] of [[picture.u, 256], [picture.v, 320]] as const) {
    for (let row = 0; row < 8; row++) out.set(plane.subarray((my * 8 + row) * chromaStride + mx * 8, (my * 8 + row) * chromaStride + mx * 8 + 8), offset + row * 8);
  }
  return out;
}

const sameBlock = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * One slice per picture: an IDR of I_PCM macroblocks, or a P picture where each macroblock that
 * differs from `previous` is I_PCM and the rest are skipped (mb_skip_run).
 */
function slice(picture: Picture, previous: Picture | undefined, g: Geometry, frameNum: number, idrId: number): { data: Uint8Array; key: boolean } {
  const b = new Bits();
  const count = g.mbWidth * g.mbHeight;
  b.ue(0); // first_mb_in_slice
  b.ue(previous ? 5 : 7); // slice_type P or I (every slice of the picture alike)
  b.ue(0); // pic_parameter_set_id
  b.u(frameNum, 4);
  if (!previous) b.ue(idrId);
  if (previous) {
    b.u(0, 1); // num_ref_idx_active_override_flag
    b.u(0, 1); // ref_pic_list_modification_flag_l0
  }
  // dec_ref_pic_marking: IDR no_output_of_prior_pics + long_term_reference; P adaptive flag (sliding window).
  if (!previous) b.u(0, 2);
  else b.u(0, 1);
  b.se(0); // slice_qp_delta
  b.ue(1); // disable_deblocking_filter_idc: off, so skipped blocks stay pixel-exact
  let skipped = 0;
  for (let index = 0; index < count; index++) {
    const samples = macroblock(picture, g, index);
    if (previous && sameBlock(samples, macroblock(previous, g, index))) {
      skipped++;
      continue;
    }
    if (previous) {
      b.ue(skipped); // mb_skip_run before this coded macroblock
      skipped = 0;
      b.ue(30); // mb_type I_PCM in a P slice (5 + 25)
    } else b.ue(25); // mb_type I_PCM
    b.raw(samples);
  }
  if (previous && skipped) b.ue(skipped);
  return { data: nal(previous ? 2 : 3, previous ? 1 : 5, b.finish()), key: !previous };
}

// ── ISO BMFF (MP4) boxes ──

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const size = 8 + parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(Buffer.from(type, "latin1"), 4);
  let at = 8;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Big-endian fields: [value, bytes] pairs (bytes 1, 2, 4) or raw byte arrays. */
function fields(...values: ([number, 1 | 2 | 4] | Uint8Array)[]): Uint8Array {
  const parts = values.map((value) => {
    if (value instanceof Uint8Array) return value;
    const [n, bytes] = value;
    const out = new Uint8Array(bytes);
    const view = new DataView(out.buffer);
    if (bytes === 1) view.setUint8(0, n);
    else if (bytes === 2) view.setUint16(0, n);
    else view.setUint32(0, n >>> 0);
    return out;
  });
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

const fullBox = (type: string, version: number, flags: number, ...parts: Uint8Array[]) => box(type, fields([(version << 24) | flags, 4]), ...parts);
const MATRIX = fields([0x00010000, 4], [0, 4], [0, 4], [0, 4], [0x00010000, 4], [0, 4], [0, 4], [0, 4], [0x40000000, 4]);
const zeros = (n: number) => new Uint8Array(n);

function mp4(g: Geometry, spsNal: Uint8Array, ppsNal: Uint8Array, samples: { data: Uint8Array; key: boolean }[], frameMs: number): Uint8Array {
  const duration = samples.length * frameMs;
  const avcC = box("avcC", fields([1, 1], [spsNal[1]!, 1], [spsNal[2]!, 1], [spsNal[3]!, 1], [0xff, 1], [0xe1, 1], [spsNal.length, 2]), spsNal, fields([1, 1], [ppsNal.length, 2]), ppsNal);
  const name = zeros(32);
  const avc1 = box(
    "avc1",
    zeros(6), fields([1, 2], [0, 2], [0, 2]), zeros(12), fields([g.width, 2], [g.height, 2], [0x00480000, 4], [0x00480000, 4], [0, 4], [1, 2]), name, fields([0x18, 2], [0xffff, 2]),
    avcC,
  );
  const sizes = samples.map((s) => s.data.length + 4);
  const stbl = (chunkOffset: number) =>
    box(
      "stbl",
      fullBox("stsd", 0, 0, fields([1, 4]), avc1),
      fullBox("stts", 0, 0, fields([1, 4], [samples.length, 4], [frameMs, 4])),
      fullBox("stss", 0, 0, fields([samples.filter((s) => s.key).length, 4], ...samples.flatMap((s, i) => (s.key ? [[i + 1, 4] as [number, 4]] : [])))),
      fullBox("stsc", 0, 0, fields([1, 4], [1, 4], [samples.length, 4], [1, 4])),
      fullBox("stsz", 0, 0, fields([0, 4], [samples.length, 4], ...sizes.map((size) => [size, 4] as [number, 4]))),
      fullBox("stco", 0, 0, fields([1, 4], [chunkOffset, 4])),
    );
  const moov = (chunkOffset: number) =>
    box(
      "moov",
      fullBox("mvhd", 0, 0, fields([0, 4], [0, 4], [1000, 4], [duration, 4], [0x00010000, 4], [0x0100, 2]), zeros(10), MATRIX, zeros(24), fields([2, 4])),
      box(
        "trak",
        fullBox("tkhd", 0, 3, fields([0, 4], [0, 4], [1, 4], [0, 4], [duration, 4]), zeros(8), fields([0, 2], [0, 2], [0, 2], [0, 2]), MATRIX, fields([g.width * 0x10000, 4], [g.height * 0x10000, 4])),
        box(
          "mdia",
          fullBox("mdhd", 0, 0, fields([0, 4], [0, 4], [1000, 4], [duration, 4], [0x55c4, 2], [0, 2])), // language "und"
          fullBox("hdlr", 0, 0, fields([0, 4]), Buffer.from("vide", "latin1"), zeros(12), Buffer.from("VideoHandler\0", "latin1")),
          box("minf", fullBox("vmhd", 0, 1, zeros(8)), box("dinf", fullBox("dref", 0, 0, fields([1, 4]), fullBox("url ", 0, 1))), stbl(chunkOffset)),
        ),
      ),
    );
  const ftyp = box("ftyp", Buffer.from("isom", "latin1"), fields([0x200, 4]), Buffer.from("isomiso2avc1mp41", "latin1"));
  // The index goes first (playback starts before the whole file arrives); its size does not depend on the offset's value.
  const offset = ftyp.length + moov(0).length + 8;
  const payload = samples.flatMap((s) => [fields([s.data.length, 4]), s.data]);
  return Uint8Array.from(Buffer.concat([ftyp, moov(offset), box("mdat", ...payload)]));
}

/** H.264 in MP4 from pictures at the coded size; a new IDR every `keyEvery` frames (and at the first). */
export function encodeMp4(pictures: Picture[], size: { width: number; height: number }, options: { fps: number; keyEvery?: number }): Uint8Array {
  const g: Geometry = { ...size, mbWidth: Math.ceil(size.width / MB), mbHeight: Math.ceil(size.height / MB) };
  if (size.width % 2 || size.height % 2) throw new Error("Kích thước video phải là số chẵn.");
  const keyEvery = options.keyEvery ?? Infinity;
  let frameNum = 0;
  let idr = 0;
  const samples = pictures.map((picture, i) => {
    const key = i % keyEvery === 0;
    frameNum = key ? 0 : (frameNum + 1) % 16;
    return slice(picture, key ? undefined : pictures[i - 1], g, frameNum, key ? idr++ % 65536 : 0);
  });
  return mp4(g, sps(g), pps(), samples, Math.round(1000 / options.fps));
}

/** RGB (3 bytes a pixel) at the coded size → I420, BT.601 studio range. */
export function toI420(rgb: Uint8Array, width: number, height: number): Picture {
  const y = new Uint8Array(width * height);
  const u = new Uint8Array((width / 2) * (height / 2));
  const v = new Uint8Array(u.length);
  const clamp = (n: number) => Math.min(255, Math.max(1, Math.round(n)));
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = [rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!];
    y[i] = clamp(16 + (65.738 * r + 129.057 * g + 25.064 * b) / 256);
  }
  for (let cy = 0; cy < height / 2; cy++) {
    for (let cx = 0; cx < width / 2; cx++) {
      let [r, g, b] = [0, 0, 0];
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const i = ((cy * 2 + dy) * width + cx * 2 + dx) * 3;
        r += rgb[i]!;
        g += rgb[i + 1]!;
        b += rgb[i + 2]!;
      }
      [r, g, b] = [r / 4, g / 4, b / 4];
      u[cy * (width / 2) + cx] = clamp(128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256);
      v[cy * (width / 2) + cx] = clamp(128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256);
    }
  }
  return { y, u, v };
}

/** Display size of the demo videos (16:9); coded as 480 × 272, the bottom two rows cropped. */
export const DEMO_VIDEO_SIZE = { width: 480, height: 270 };

const loadSharp = () => createRequire(import.meta.url)("sharp") as (typeof import("sharp"))["default"];

/**
 * One frame of a landscape (`scene` drawn from `seed`, as images.ts draws it at 1800 × 1200 units),
 * the middle 16:9 band of it at `width` × `height`, with a cloud at `cloudX` units (off the
 * picture at -300: the first frame, which is also the poster).
 */
function landscapeSharp(scene: Scene, seed: string, width: number, height: number, cloudX = -300) {
  const cloud = `<g fill="#ffffff" opacity="0.92"><ellipse cx="${cloudX}" cy="260" rx="170" ry="60"/><ellipse cx="${cloudX + 110}" cy="220" rx="120" ry="70"/><ellipse cx="${cloudX - 100}" cy="235" rx="100" ry="55"/></g>`;
  const drawn = sceneSvg(scene, seed, 1800, 1200).replace("</svg>", `${cloud}</svg>`);
  const full = Math.round((width * 1200) / 1800);
  return loadSharp()(Buffer.from(drawn))
    .resize(width, full)
    .extract({ left: 0, top: Math.round((full - height) / 2), width, height });
}

/** The poster of a landscape video: its first frame, larger (a JPEG the media pipeline makes variants of). */
export async function landscapePoster(scene: Scene, seed: string, width = 1280, height = 720): Promise<Uint8Array> {
  return new Uint8Array(await landscapeSharp(scene, seed, width, height).jpeg({ quality: 85 }).toBuffer());
}

/**
 * A few seconds of one of the seed's landscapes with a cloud drifting across the sky, as MP4 bytes
 * (about 0.5 MB for 6 s: one full picture, then only the macroblocks the cloud crosses).
 */
export async function landscapeVideo(scene: Scene, seed: string, options: { seconds?: number; fps?: number } = {}): Promise<Uint8Array> {
  const fps = options.fps ?? 5;
  const frames = Math.max(1, Math.round((options.seconds ?? 6) * fps));
  const { width, height } = DEMO_VIDEO_SIZE;
  const coded = { width: Math.ceil(width / MB) * MB, height: Math.ceil(height / MB) * MB };
  const pictures: Picture[] = [];
  for (let frame = 0; frame < frames; frame++) {
    const { data } = await landscapeSharp(scene, seed, width, height, -300 + (2400 * frame) / Math.max(1, frames - 1))
      .extend({ bottom: coded.height - height, right: coded.width - width, extendWith: "copy" })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    pictures.push(toI420(new Uint8Array(data), coded.width, coded.height));
  }
  return encodeMp4(pictures, { width, height }, { fps });
}
