/**
 * Original demo pictures, drawn here (SVG rendered by sharp): no downloaded photo is ever shipped.
 * Each scene is a simple landscape of the fictional Hòa Phong (sky, hills, river or fields, sun,
 * a few buildings) whose colours and shapes come from a seed, so every image differs and the same
 * id always draws the same picture. `seedImage` stores one through the media pipeline (variants,
 * placeholder) with its alt text, caption and credit, and is idempotent (fixed ids).
 */
import { createRequire } from "node:module";
import { MediaLibrary, type MediaRecord } from "../../functions/core/media/library";
import type { Store } from "../../functions/core/storage/store";

export type Scene = "fields" | "river" | "hills" | "town" | "festival" | "meeting";

export interface SeedImage {
  /** A fixed media id (`seed-img-…`), so a second run finds it. */
  id: string;
  filename: string;
  /** Required before the image can be published: what a reader who cannot see it should know. */
  alt: string;
  caption?: string;
  credit?: string;
  scene: Scene;
  width?: number;
  height?: number;
}

/** A small deterministic generator (mulberry32): the same seed draws the same scene. */
function random(seed: string): () => number {
  let a = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 1779033703);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PALETTES: Record<Scene, { sky: [string, string]; land: string[]; accent: string }> = {
  fields: { sky: ["#8ecae6", "#e0f4ff"], land: ["#6a994e", "#a7c957", "#386641"], accent: "#f2e8cf" },
  river: { sky: ["#a2d2ff", "#fefae0"], land: ["#4f772d", "#90a955", "#31572c"], accent: "#219ebc" },
  hills: { sky: ["#ffb703", "#ffe8a3"], land: ["#2d6a4f", "#40916c", "#1b4332"], accent: "#fb8500" },
  town: { sky: ["#90e0ef", "#caf0f8"], land: ["#588157", "#a3b18a", "#3a5a40"], accent: "#bc4749" },
  festival: { sky: ["#ffafcc", "#ffe5ec"], land: ["#52796f", "#84a98c", "#354f52"], accent: "#d62828" },
  meeting: { sky: ["#cdb4db", "#f1e9f7"], land: ["#6c584c", "#a98467", "#432818"], accent: "#c1121f" },
};

/** The SVG of one scene, `width` × `height`. */
export function sceneSvg(scene: Scene, seed: string, width = 1800, height = 1200): string {
  const rnd = random(`${scene}:${seed}`);
  const p = PALETTES[scene];
  const horizon = height * (0.45 + rnd() * 0.15);
  const hills = p.land
    .map((colour, layer) => {
      const base = horizon + layer * height * 0.12;
      let d = `M0 ${height} L0 ${base}`;
      for (let x = 0; x <= width; x += width / 6) d += ` Q${x + width / 12} ${base - (40 + rnd() * 160)} ${x + width / 6} ${base - rnd() * 60}`;
      return `<path d="${d} L${width} ${height} Z" fill="${colour}"/>`;
    })
    .join("");
  const sun = `<circle cx="${width * (0.15 + rnd() * 0.7)}" cy="${horizon * (0.25 + rnd() * 0.3)}" r="${height * 0.07}" fill="#fff3b0" opacity="0.9"/>`;
  const river =
    scene === "river"
      ? `<path d="M${width * 0.3} ${height} C${width * 0.45} ${horizon + 200} ${width * 0.7} ${horizon + 120} ${width} ${horizon + 60} L${width} ${horizon + 140} C${width * 0.75} ${horizon + 220} ${width * 0.55} ${horizon + 300} ${width * 0.5} ${height} Z" fill="${p.accent}" opacity="0.85"/>`
      : "";
  const buildings =
    scene === "town" || scene === "meeting" || scene === "festival"
      ? Array.from({ length: 7 }, (_, i) => {
          const w = width * (0.05 + rnd() * 0.05);
          const h = height * (0.1 + rnd() * 0.2);
          const x = width * (0.05 + i * 0.13);
          return `<rect x="${x}" y="${horizon + 40 - h}" width="${w}" height="${h}" fill="${i % 2 ? "#f8f9fa" : "#e9ecef"}" stroke="#495057" stroke-width="4"/><rect x="${x + w * 0.3}" y="${horizon + 40 - h * 0.6}" width="${w * 0.4}" height="${h * 0.25}" fill="${p.accent}"/>`;
        }).join("")
      : "";
  const flags =
    scene === "festival"
      ? Array.from({ length: 12 }, (_, i) => `<polygon points="${i * (width / 12)},80 ${(i + 0.5) * (width / 12)},150 ${(i + 1) * (width / 12)},80" fill="${i % 2 ? p.accent : "#ffd60a"}"/>`).join("")
      : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>${sun}${flags}${hills}${river}${buildings}
</svg>`;
}

/** The scene as JPEG bytes (what a camera would give the uploader). */
export async function sceneJpeg(scene: Scene, seed: string, width = 1800, height = 1200): Promise<Uint8Array> {
  const sharp = createRequire(import.meta.url)("sharp") as (typeof import("sharp"))["default"];
  return new Uint8Array(await sharp(Buffer.from(sceneSvg(scene, seed, width, height))).jpeg({ quality: 85 }).toBuffer());
}

/** Stores one demo picture through the media pipeline with its description; a second run returns the stored one. */
export async function seedImage(store: Store, image: SeedImage, uploadedBy: { id: string; name: string }): Promise<MediaRecord> {
  const existing = await MediaLibrary.get(store, image.id);
  if (existing?.status === "ready" && existing.alt) return existing;
  const record = existing ?? (await MediaLibrary.importFile(store, { id: image.id, filename: image.filename, bytes: await sceneJpeg(image.scene, image.id, image.width, image.height), uploadedBy }));
  return MediaLibrary.update(store, record.id, { alt: image.alt, ...(image.caption ? { caption: image.caption } : {}), ...(image.credit ? { credit: image.credit } : {}) });
}
