/**
 * The monthly cost of one million page views, computed from what the bench measured (read units
 * per page, write units per beacon, render time) and the traffic assumptions below, at the AWS
 * list prices below. Printed by `npm run bench`; docs/operations.md ("Cost") copies the table.
 *
 * The prices were not fetched here (the build machine has no internet): they are the public list
 * prices for ap-southeast-1 (Singapore) and CloudFront's Asia Pacific price class as of 2025
 * (DynamoDB on-demand after its November 2024 halving). Re-check them with the AWS Pricing
 * Calculator before a budget is signed; the model is what this file is for.
 */

export const PRICES = {
  date: "2025 (AWS public price list, ap-southeast-1; re-check before use)",
  /** Lambda on arm64: per GB-second of duration, per million requests. */
  lambdaGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  /** API Gateway HTTP API, per million requests (first 300 million a month). */
  httpApiPerMillion: 1.0,
  /** DynamoDB on-demand, per million request units. */
  dynamoPerMillionWrites: 0.7135,
  dynamoPerMillionReads: 0.1425,
  /** CloudFront, Asia Pacific price class: per 10,000 HTTPS requests, per GB out (first 10 TB). */
  cloudFrontPer10kRequests: 0.012,
  cloudFrontPerGb: 0.12,
} as const;

/** How a million page views behave; each is stated in the printed table. */
export const TRAFFIC = {
  pageViews: 1_000_000,
  /** Share of page requests CloudFront answers from its cache (pages cached for s-maxage). */
  cdnHitRatio: 0.9,
  /** Share of page views that are article pages (they send a view beacon). */
  articleShare: 0.6,
  /** Heartbeats per page view: one on load, one a minute while visible (about two minutes read). */
  heartbeatsPerView: 3,
  /** New visits per page view (a visit is several pages). */
  visitsPerView: 0.3,
  /** Lambda memory of the reader function (infra/app.ts). */
  lambdaGb: 1,
  /** Gzipped HTML per page sent by CloudFront; static assets mostly come from the browser's cache. */
  htmlKbPerView: 12,
  assetKbPerView: 8,
} as const;

export interface Measured {
  /** Read units of one uncached render of an article page and of the home page (origin, cold caches). */
  articleReadUnits: number;
  homeReadUnits: number;
  /** Milliseconds of one render at the origin (Lambda duration estimate) and of one beacon. */
  renderMs: number;
  beaconMs: number;
  /** Write units: a heartbeat in a new minute, a counted view, a new visit (beyond its heartbeat). */
  heartbeatWriteUnits: number;
  viewWriteUnits: number;
  visitWriteUnits: number;
  /** Read units of the live numbers a heartbeat answers with (0 when served from the instance cache). */
  heartbeatReadUnits: number;
}

export interface CostLine {
  what: string;
  quantity: string;
  usd: number;
}

const fmt = (n: number) => n.toLocaleString("vi-VN", { maximumFractionDigits: 0 });

/** The cost lines of one million page views. */
export function costPerMillionViews(m: Measured, t = TRAFFIC, p = PRICES): CostLine[] {
  const renders = t.pageViews * (1 - t.cdnHitRatio);
  const articleRenders = renders * t.articleShare;
  const homeLikeRenders = renders - articleRenders;
  const heartbeats = t.pageViews * t.heartbeatsPerView;
  const views = t.pageViews * t.articleShare;
  const beacons = heartbeats + views;
  const invocations = renders + beacons;
  const gbSeconds = ((renders * m.renderMs + beacons * m.beaconMs) / 1000) * t.lambdaGb;
  const readUnits = articleRenders * m.articleReadUnits + homeLikeRenders * m.homeReadUnits + heartbeats * m.heartbeatReadUnits;
  const writeUnits = heartbeats * m.heartbeatWriteUnits + views * m.viewWriteUnits + t.pageViews * t.visitsPerView * m.visitWriteUnits;
  const cdnRequests = t.pageViews + beacons;
  const gigabytes = (t.pageViews * (t.htmlKbPerView + t.assetKbPerView)) / 1024 / 1024;
  return [
    { what: "CloudFront requests (pages + beacons)", quantity: fmt(cdnRequests), usd: (cdnRequests / 10_000) * p.cloudFrontPer10kRequests },
    { what: "CloudFront data out", quantity: `${gigabytes.toFixed(1)} GB`, usd: gigabytes * p.cloudFrontPerGb },
    { what: `API Gateway (${fmt(renders)} renders at ${Math.round(t.cdnHitRatio * 100)} % hits + beacons)`, quantity: fmt(invocations), usd: (invocations / 1e6) * p.httpApiPerMillion },
    { what: "Lambda requests", quantity: fmt(invocations), usd: (invocations / 1e6) * p.lambdaPerMillionRequests },
    { what: `Lambda duration (${t.lambdaGb} GB arm64)`, quantity: `${fmt(gbSeconds)} GB-s`, usd: gbSeconds * p.lambdaGbSecond },
    { what: "DynamoDB reads", quantity: `${fmt(readUnits)} RRU`, usd: (readUnits / 1e6) * p.dynamoPerMillionReads },
    { what: "DynamoDB writes", quantity: `${fmt(writeUnits)} WRU`, usd: (writeUnits / 1e6) * p.dynamoPerMillionWrites },
  ];
}

export function printCost(m: Measured) {
  const lines = costPerMillionViews(m);
  const total = lines.reduce((sum, line) => sum + line.usd, 0);
  console.log(`\n## Cost of one million page views (prices: ${PRICES.date})`);
  console.log(
    `assumptions: CDN hit ratio ${TRAFFIC.cdnHitRatio * 100} %, ${TRAFFIC.articleShare * 100} % article pages, ${TRAFFIC.heartbeatsPerView} heartbeats and ${TRAFFIC.visitsPerView} new visits per view; ` +
      `measured: article ${m.articleReadUnits} RU, home ${m.homeReadUnits} RU per render, render ${m.renderMs.toFixed(1)} ms, beacon ${m.beaconMs.toFixed(1)} ms, ` +
      `heartbeat ${m.heartbeatWriteUnits} WU, view ${m.viewWriteUnits} WU, visit ${m.visitWriteUnits} WU`,
  );
  for (const line of lines) console.log(`${line.what.padEnd(58)} ${line.quantity.padStart(18)}   $${line.usd.toFixed(2).padStart(7)}`);
  console.log(`${"total".padEnd(58)} ${"".padStart(18)}   $${total.toFixed(2).padStart(7)}`);
}
