/**
 * Demo content (`PORTAL_SEED=demo`): sections, site settings and articles, loaded once. Every
 * step is idempotent (fixed ids, conditional writes), and a marker records completion, so a
 * second start or an interrupted first one never duplicates anything.
 */
import { articleImport, articles } from "../../functions/core/content/articles";
import { createEngine } from "../../functions/core/publishing/engine";
import { GetCommand, PutCommand } from "../../functions/core/storage/db";
import { AppError } from "../../functions/core/shared/errors";
import { contentKeys, Keys } from "../../functions/core/storage/keys";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { ARTICLE_IMAGES } from "./article-images";
import { seedBanners } from "./banners";
import { seedConsultations } from "./consultations";
import { seedDocuments } from "./documents";
import { seedImage } from "./images";
import { seedSchedules } from "./schedules";
import type { DemoArticle, DemoSection } from "./types";
import { seedVideos } from "./videos";
import { seedGalleries } from "./galleries";

/** Demo articles are approved by a named board, not by a real account. */
export const DEMO_APPROVER = { id: "demo-board", name: "Ban Biên tập (dữ liệu mẫu)" };

const MARKER = Keys.seedMarker("demo");

export interface DemoContent {
  site: { name: string; shortName: string; address: string; phone: string; email: string };
  sections: DemoSection[];
  articles: DemoArticle[];
}

export async function loadDemoContent(): Promise<DemoContent> {
  const { DEMO_SITE, DEMO_SECTIONS, DEMO_ARTICLES } = await import("./demo-content");
  return { site: DEMO_SITE, sections: DEMO_SECTIONS, articles: DEMO_ARTICLES };
}

/** Seeds once; returns the number of articles written (0 when already seeded). */
export async function seedDemo(store: Store, content?: DemoContent): Promise<number> {
  const marker = await store.db.send(new GetCommand({ TableName: store.table, Key: MARKER, ConsistentRead: true }));
  if (marker.Item) return 0;
  const demo = content ?? (await loadDemoContent());

  await Settings.put(store, demo.site);
  for (const section of demo.sections) {
    await SectionAdmin.create(store, section).catch((error) => {
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
    });
  }
  // Through the engine's import, the same path as an approval: counts, search, listings, audit.
  const engine = createEngine(articles, { store });
  let written = 0;
  for (const [index, article] of demo.articles.entries()) {
    const id = `demo-${String(index + 1).padStart(4, "0")}`;
    const existing = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(articles.space).item(id), ProjectionExpression: "pk" }));
    if (existing.Item) continue;
    const picture = ARTICLE_IMAGES.find((image) => article.title.startsWith(image.title));
    const featuredImage = picture
      ? (await seedImage(store, { id: `seed-img-${id}`, filename: `minh-hoa-${id}.jpg`, alt: picture.alt, scene: picture.scene, width: 1280, height: 800 }, DEMO_APPROVER)).id
      : undefined;
    await engine.importPublished(articleImport({ ...article, id, sectionId: article.section, ...(featuredImage ? { featuredImage } : {}) }), DEMO_APPROVER);
    written++;
  }
  // Documents, schedules and drafts for comment: each seeder is idempotent (fixed ids).
  await seedDocuments(store, DEMO_APPROVER);
  await seedSchedules(store, DEMO_APPROVER);
  await seedConsultations(store, DEMO_APPROVER);
  await seedVideos(store, DEMO_APPROVER);
  await seedGalleries(store, DEMO_APPROVER);
  await seedBanners(store, DEMO_APPROVER);
  await store.db.send(
    new PutCommand({ TableName: store.table, Item: { ...MARKER, entity: "Marker", schemaVersion: 1, at: new Date().toISOString(), articles: demo.articles.length } }),
  );
  return written;
}
