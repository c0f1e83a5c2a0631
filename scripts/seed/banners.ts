/**
 * Demo linked banners (ảnh liên kết) of the sidebar: the province's and the nation's public-service
 * portals, the government portal and a page of this portal. Each image is drawn here (an SVG
 * with the banner's text, rendered by sharp with the machine's DejaVu fonts, which carry the
 * Vietnamese diacritics) and stored through the media pipeline with its description. Fixed ids:
 * a second run writes nothing.
 */
import { createRequire } from "node:module";
import { MediaLibrary, type MediaRecord } from "../../functions/core/media/library";
import type { Actor } from "../../functions/core/publishing/audit";
import { Urls } from "../../functions/core/shared/urls";
import { BannerAdmin } from "../../functions/core/site/banner-admin";
import { Banners } from "../../functions/core/site/banners";
import type { Store } from "../../functions/core/storage/store";

interface DemoBanner {
  id: string;
  imageId: string;
  title: string;
  href: string;
  /** The two lines written on the banner: large, then small. */
  lines: [string, string];
  colours: { from: string; to: string; mark: string };
  /** The little drawing at the left: a public-service gear, a star, a government building, a speech bubble. */
  mark: "service" | "star" | "building" | "comment";
}

export const DEMO_BANNERS: DemoBanner[] = [
  {
    id: "6b0f3c1e-2a4d-4c5e-9f10-0000000000b1",
    imageId: "seed-img-banner-dich-vu-cong-hoa-phong",
    title: "Cổng Dịch vụ công tỉnh Hòa Phong",
    href: "https://dichvucong.hoaphong.example.vn",
    lines: ["Cổng Dịch vụ công", "tỉnh Hòa Phong"],
    colours: { from: "#8e1b1b", to: "#b3261e", mark: "#ffd60a" },
    mark: "service",
  },
  {
    id: "6b0f3c1e-2a4d-4c5e-9f10-0000000000b2",
    imageId: "seed-img-banner-dich-vu-cong-quoc-gia",
    title: "Cổng Dịch vụ công quốc gia",
    href: "https://dichvucong.gov.vn",
    lines: ["Cổng Dịch vụ công", "quốc gia"],
    colours: { from: "#0b3d91", to: "#1565c0", mark: "#ffffff" },
    mark: "star",
  },
  {
    id: "6b0f3c1e-2a4d-4c5e-9f10-0000000000b3",
    imageId: "seed-img-banner-chinh-phu",
    title: "Cổng Thông tin điện tử Chính phủ",
    href: "https://chinhphu.vn",
    lines: ["Cổng Thông tin điện tử", "Chính phủ"],
    colours: { from: "#5c1010", to: "#7f1d1d", mark: "#f5c542" },
    mark: "building",
  },
  {
    id: "6b0f3c1e-2a4d-4c5e-9f10-0000000000b4",
    imageId: "seed-img-banner-gop-y-du-thao",
    title: "Góp ý dự thảo văn bản của Tỉnh ủy Hòa Phong",
    href: Urls.consultations(),
    lines: ["Góp ý dự thảo văn bản", "Tỉnh ủy Hòa Phong lắng nghe ý kiến"],
    colours: { from: "#1b5e20", to: "#2e7d32", mark: "#fff3b0" },
    mark: "comment",
  },
];

const WIDTH = 1200;
/** Just under 3:1, the pipeline's limit before it warns of an extreme aspect ratio. */
const HEIGHT = 420;

const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function markSvg(mark: DemoBanner["mark"], colour: string): string {
  const cx = 210;
  const cy = HEIGHT / 2;
  const ring = `<circle cx="${cx}" cy="${cy}" r="130" fill="none" stroke="${colour}" stroke-width="10"/>`;
  switch (mark) {
    case "service":
      return `${ring}${Array.from({ length: 8 }, (_, i) => `<rect x="${cx - 14}" y="${cy - 95}" width="28" height="40" fill="${colour}" transform="rotate(${i * 45} ${cx} ${cy})"/>`).join("")}<circle cx="${cx}" cy="${cy}" r="62" fill="${colour}"/><circle cx="${cx}" cy="${cy}" r="28" fill="none" stroke="#00000055" stroke-width="8"/>`;
    case "star": {
      const points = Array.from({ length: 10 }, (_, i) => {
        const r = i % 2 ? 40 : 100;
        const a = (Math.PI / 5) * i - Math.PI / 2;
        return `${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`;
      }).join(" ");
      return `${ring}<polygon points="${points}" fill="${colour}"/>`;
    }
    case "building":
      return `${ring}<polygon points="${cx - 90},${cy - 30} ${cx},${cy - 90} ${cx + 90},${cy - 30}" fill="${colour}"/>${[-60, -20, 20, 60].map((x) => `<rect x="${cx + x - 10}" y="${cy - 25}" width="20" height="85" fill="${colour}"/>`).join("")}<rect x="${cx - 95}" y="${cy + 65}" width="190" height="18" fill="${colour}"/>`;
    case "comment":
      return `${ring}<path d="M${cx - 80} ${cy - 60} h160 a20 20 0 0 1 20 20 v80 a20 20 0 0 1 -20 20 h-90 l-40 35 v-35 h-30 a20 20 0 0 1 -20 -20 v-80 a20 20 0 0 1 20 -20 z" fill="${colour}"/>${[-40, 0, 40].map((x) => `<circle cx="${cx + x}" cy="${cy}" r="12" fill="#00000055"/>`).join("")}`;
  }
}

/** The banner's picture: a gradient, a mark and its two lines of text. */
export function bannerSvg(banner: DemoBanner): string {
  const [big, small] = banner.lines;
  const font = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${banner.colours.from}"/><stop offset="1" stop-color="${banner.colours.to}"/></linearGradient></defs>
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#g)"/>
<rect x="0" y="${HEIGHT - 24}" width="${WIDTH}" height="24" fill="${banner.colours.mark}" opacity="0.85"/>
${markSvg(banner.mark, banner.colours.mark)}
<text x="390" y="${HEIGHT / 2 - 10}" font-family="${font}" font-size="${big.length > 18 ? 58 : 66}" font-weight="700" fill="#ffffff">${escapeXml(big)}</text>
<text x="390" y="${HEIGHT / 2 + 70}" font-family="${font}" font-size="${small.length > 20 ? 40 : 50}" fill="${banner.colours.mark}">${escapeXml(small)}</text>
</svg>`;
}

async function bannerImage(store: Store, banner: DemoBanner, uploadedBy: Actor): Promise<MediaRecord> {
  const alt = `Biểu ngữ có dòng chữ “${banner.lines[0]} ${banner.lines[1]}”`;
  const existing = await MediaLibrary.get(store, banner.imageId);
  if (existing?.status === "ready" && existing.alt) return existing;
  const sharp = createRequire(import.meta.url)("sharp") as (typeof import("sharp"))["default"];
  const bytes = new Uint8Array(await sharp(Buffer.from(bannerSvg(banner))).jpeg({ quality: 88 }).toBuffer());
  const record = existing ?? (await MediaLibrary.importFile(store, { id: banner.imageId, filename: `${banner.imageId.replace(/^seed-img-/, "")}.jpg`, bytes, uploadedBy }));
  return MediaLibrary.update(store, record.id, { alt });
}

/** Seeds the demo banners in order; returns how many were written (0 on a second run). */
export async function seedBanners(store: Store, actor: Actor): Promise<number> {
  let written = 0;
  for (const [index, banner] of DEMO_BANNERS.entries()) {
    if (await Banners.get(store, banner.id)) continue;
    const image = await bannerImage(store, banner, actor);
    await BannerAdmin.create(store, { title: banner.title, image: image.id, href: banner.href, order: (index + 1) * 10, active: true }, actor, { id: banner.id });
    written++;
  }
  return written;
}
