import { GetCommand } from "../storage/db";
import { z } from "zod";
import { kindNamed } from "../content";
import type { Item } from "../publishing/kind";
import { AppError, invalid, notFound } from "../shared/errors";
import { optionalText, parse } from "../shared/validation";
import { vietnamDay } from "../shared/time";
import { contentKeys, ParticipationKeys } from "../storage/keys";
import { queryPages } from "../storage/page";
import { transact, type Store } from "../storage/store";
import { RATING_COMMENT_MAX, RATING_KINDS } from "./public";

/**
 * Satisfaction ratings ("Thông tin này có hữu ích với bạn không?"): a score 1–5 and an optional
 * short comment, one per visitor session per item — the signed `portal_vid` cookie's visitor id
 * (metrics/visitors.ts); a second rating from the same session is refused (409), never replaces
 * the first, so a count is a count of sessions. One transaction writes the session's mark
 * (conditional on not existing), the item's totals and the day's totals for (kind, section), all
 * by ADD: averages are exact (sum / count, integers kept), and the report reads one Query per
 * year, never a scan.
 */

export interface RatingTotals {
  count: number;
  sum: number;
  /** sum / count rounded to 2 decimals; 0 when count is 0. */
  average: number;
}

export interface RatingReport extends RatingTotals {
  byKind: Record<string, RatingTotals>;
  bySection: Record<string, RatingTotals>;
}

const ratingSchema = z.object({
  kind: z.enum(RATING_KINDS, { error: "Loại nội dung không hợp lệ." }),
  id: z.string({ error: "Thiếu mã nội dung." }).regex(/^[\w-]{1,64}$/, { error: "Mã nội dung không hợp lệ." }),
  score: z.number({ error: "Điểm đánh giá phải là số từ 1 đến 5." }).int({ error: "Điểm đánh giá phải là số nguyên từ 1 đến 5." }).min(1, { error: "Điểm đánh giá từ 1 đến 5." }).max(5, { error: "Điểm đánh giá từ 1 đến 5." }),
  comment: optionalText("Ý kiến thêm", RATING_COMMENT_MAX).transform((value) => value.trim()).optional(),
});

export const totals = (count: number, sum: number): RatingTotals => ({ count, sum, average: count > 0 ? Math.round((sum / count) * 100) / 100 : 0 });

const add = (update: { TableName: string; Key: Record<string, string> }, score: number, extra: Record<string, string> = {}) => ({
  Update: {
    ...update,
    UpdateExpression: `ADD #count :one, #sum :score SET entity = :entity, schemaVersion = :v${Object.keys(extra).map((name) => `, #${name} = :${name}`).join("")}`,
    // Names as placeholders: `day` (and others) are DynamoDB reserved words.
    ExpressionAttributeNames: { "#count": "count", "#sum": "sum", ...Object.fromEntries(Object.keys(extra).map((name) => [`#${name}`, name])) },
    ExpressionAttributeValues: { ":one": 1, ":score": score, ":entity": "RatingTotals", ":v": 1, ...Object.fromEntries(Object.entries(extra).map(([name, value]) => [`:${name}`, value])) },
  },
});

export const Ratings = {
  /** Records a session's rating; 400 bad input, 404 not live, 409 already rated in this session. */
  async rate(store: Store, visitorId: string, input: unknown, now = Date.now()): Promise<RatingTotals> {
    const data = parse(ratingSchema, input);
    const kind = kindNamed(data.kind);
    if (!kind) throw notFound("Không tìm thấy nội dung để đánh giá.");
    const item = (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(kind.space).item(data.id) }))).Item as Item | undefined;
    if (!item?.live) throw notFound("Không tìm thấy nội dung để đánh giá.");
    const sectionId = item.counted?.sectionId ?? item.sectionId;
    const at = new Date(now).toISOString();
    const day = vietnamDay(at);
    await transact(
      store,
      [
        {
          Put: {
            TableName: store.table,
            Item: {
              ...ParticipationKeys.rating(kind.space, data.id, visitorId), entity: "Rating", schemaVersion: 1,
              kind: kind.name, itemId: data.id, sectionId, score: data.score, at, ...(data.comment ? { comment: data.comment } : {}),
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        add({ TableName: store.table, Key: ParticipationKeys.ratingTotal(kind.space, data.id) as unknown as Record<string, string> }, data.score, { kind: kind.name, itemId: data.id }),
        add({ TableName: store.table, Key: ParticipationKeys.ratingDay(day, kind.name, sectionId) as unknown as Record<string, string> }, data.score, { kind: kind.name, sectionId, day }),
      ],
      { onConditionFailed: async () => new AppError("CONFLICT", "Bạn đã đánh giá nội dung này trong phiên truy cập này. Cảm ơn bạn đã góp ý!") },
    );
    return Ratings.ofItem(store, kind.name, data.id);
  },

  /** An item's totals: one GetItem. */
  async ofItem(store: Store, kindName: string, id: string): Promise<RatingTotals> {
    const kind = kindNamed(kindName);
    if (!kind || !(RATING_KINDS as readonly string[]).includes(kindName) || !/^[\w-]{1,64}$/.test(id)) throw invalid("Nội dung không hợp lệ.");
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: ParticipationKeys.ratingTotal(kind.space, id), ConsistentRead: true }));
    return totals(Number(out.Item?.count ?? 0), Number(out.Item?.sum ?? 0));
  },

  /** Ratings given in [from, to] (Vietnam days, inclusive): overall, by kind and by section. */
  async report(store: Store, from: string, to: string): Promise<RatingReport> {
    const byKind = new Map<string, [number, number]>();
    const bySection = new Map<string, [number, number]>();
    let count = 0;
    let sum = 0;
    const range = ParticipationKeys.ratingRange(from, to);
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      for await (const items of queryPages(store, {
        TableName: store.table,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#count": "count", "#sum": "sum" },
        ExpressionAttributeValues: { ":pk": ParticipationKeys.ratingYear(String(year).padStart(4, "0")), ":from": range.from, ":to": range.to },
        ProjectionExpression: "kind, sectionId, #count, #sum",
      })) {
        for (const row of items) {
          const c = Number(row.count ?? 0);
          const s = Number(row.sum ?? 0);
          count += c;
          sum += s;
          for (const [map, key] of [[byKind, String(row.kind)], [bySection, String(row.sectionId)]] as const) {
            const entry = map.get(key) ?? [0, 0];
            map.set(key, [entry[0] + c, entry[1] + s]);
          }
        }
      }
    }
    const object = (map: Map<string, [number, number]>) => Object.fromEntries([...map].map(([key, [c, s]]) => [key, totals(c, s)]));
    return { ...totals(count, sum), byKind: object(byKind), bySection: object(bySection) };
  },
};
