import type { SessionUser } from "../accounts/users";
import { AppError, invalid } from "../shared/errors";
import { transact, type TransactItem } from "../storage/store";
import { auditPut, type Actor } from "./audit";
import type { Change, EngineContext } from "./engine";
import { changedFields, contentOf, facetChanges, loadItem, putItem, putPublishedView, putRevision, releaseUnique, reserveSlug, reserveUnique } from "./items";
import type { BaseContent, ContentKind, Counted, Item, PublishedBase, UniqueKey } from "./kind";
import { countChanges } from "./report-counts";
import { MediaLibrary } from "../media/library";
import { ReaderIndex, type Placement } from "./reader-index";
import { nextStatus } from "./workflow";

/**
 * The engine's unguarded steps: transactions that write a status change, a publication, a new
 * revision or a new item. No permission or state check happens here: only engine.ts calls these,
 * after its guard (permissions, version, workflow table). Not exported from publishing/.
 */
export function createSteps<C extends BaseContent, V extends PublishedBase>(kind: ContentKind<C, V>, context: EngineContext) {
  const { store } = context;
  const noun = kind.noun;
  const anyKind = kind as unknown as ContentKind;
  const conflict = (current: { version: number }) =>
    new AppError("CONFLICT", `${capitalize(noun)} đã được người khác cập nhật. Hãy tải lại để xem phiên bản mới nhất trước khi lưu.`, undefined, {
      currentVersion: current.version,
    });

  /**
   * One transaction; a failed condition on the working copy (index 0) is a 409 with the fresh
   * version, one on a unique value (`uniqueAt`: index → key) a 409 naming it.
   */
  async function commit(items: TransactItem[], current: Item<C>, uniqueAt: Map<number, UniqueKey> = new Map()) {
    await transact(store, items, {
      onConditionFailed: async (index) => {
        const unique = uniqueAt.get(index);
        if (unique) return uniqueTaken(unique);
        return conflict((await loadItem(store, kind, current.id)) ?? current);
      },
    });
  }

  /** What the kind asks the audit to keep of `content` (`auditNote`), as `{ details }`. */
  function auditDetails(content: C): { details?: Record<string, unknown> } {
    const note = kind.auditNote?.(content);
    return note && Object.keys(note).length > 0 ? { details: note } : {};
  }

  /**
   * Uses of media to record for `content` that the item has not recorded yet (`used`), and the
   * list of every media id the item will then have used.
   */
  function mediaUses(id: string, content: C, used: string[] = []): { items: TransactItem[]; used: string[] } {
    const refs = [...new Set(kind.mediaRefs?.(content) ?? [])].filter((ref) => !used.includes(ref));
    return { items: refs.map((ref) => MediaLibrary.useUpdate(store, ref, `${kind.name}#${id}`, "add")), used: [...used, ...refs] };
  }

  /** The kind's unique values of `content` (`uniqueKeys`), deduplicated by token. */
  function uniquesOf(content: C): UniqueKey[] {
    const seen = new Map<string, UniqueKey>();
    for (const key of kind.uniqueKeys?.(content) ?? []) if (!seen.has(key.token)) seen.set(key.token, key);
    return [...seen.values()];
  }

  /**
   * Transaction items that move the unique values an item holds from `held` to those of `content`,
   * appended at `offset` in the transaction; returns them with the index → key map for `commit`.
   */
  function uniqueChanges(id: string, held: string[] | undefined, content: C, offset: number) {
    const wanted = uniquesOf(content);
    const items: TransactItem[] = [];
    const uniqueAt = new Map<number, UniqueKey>();
    for (const key of wanted) {
      if (held?.includes(key.token)) continue;
      uniqueAt.set(offset + items.length, key);
      items.push(reserveUnique(store, anyKind, key.token, id));
    }
    for (const token of held ?? []) if (!wanted.some((key) => key.token === token)) items.push(releaseUnique(store, anyKind, token));
    return { items, uniqueAt, tokens: wanted.map((key) => key.token) };
  }

  function audit(actor: Actor, action: string, item: { id: string }, at: string, details: { before?: Record<string, unknown>; after?: Record<string, unknown>; reason?: string }) {
    return auditPut(store, { actor, action: `${kind.itemType}.${action}`, itemType: kind.itemType, itemId: item.id, at, ...details });
  }

  /** A status change without new content: working copy and audit event. */
  async function transition(user: SessionUser, current: Item<C>, next: Item<C>, action: string, reason?: string): Promise<Change<C>> {
    await commit(
      [
        putItem(store, kind, next, current.version),
        audit(actorOf(user), action, current, next.updatedAt, {
          before: { status: current.status },
          after: { status: next.status, ...(next.scheduledAt ? { scheduledAt: next.scheduledAt } : {}) },
          ...(reason ? { reason } : {}),
        }),
      ],
      current,
    );
    return { item: next, previous: current };
  }

  const liveAt = (item: Item<C>): Placement | undefined =>
    item.live && item.counted ? { sectionId: item.counted.sectionId, publishedAt: item.counted.publishedAt } : undefined;
  const location = (item: Item<C> | undefined) => (item?.live && item.counted ? { slug: item.slug, sectionId: item.counted.sectionId } : undefined);

  async function afterPublicChange(change: Change<C>) {
    await context.effects?.published({ kind: anyKind, itemId: change.item.id, locations: [location(change.item), location(change.previous)] });
  }

  /** Writes the published view, status, report aggregates, reader index and audit event together. */
  async function publish(current: Item<C>, approver: Actor, now: Date, action: string, reason?: string): Promise<Change<C>> {
    const nowIso = now.toISOString();
    const publishedAt = current.publishedAt ?? current.scheduledAt ?? nowIso;
    const next: Item<C> = {
      ...current,
      status: nextStatus("approve", current.status),
      live: true,
      publishedAt,
      firstPublishedAt: current.firstPublishedAt ?? nowIso,
      approvedBy: approver,
      approvedAt: nowIso,
      version: current.version + 1,
      updatedAt: nowIso,
      updatedBy: approver,
    };
    delete next.submittedAt;
    delete next.scheduledAt;
    delete next.returnReason;
    // A changed text replacing an earlier published one is a revision readers are told about.
    const revised = current.firstPublishedAt !== undefined && current.publishedRevision !== undefined && current.publishedRevision !== current.revision;
    if (revised) next.revisedAt = nowIso;
    next.publishedRevision = next.revision;
    const view = kind.publishedView(contentOf(kind, next), {
      id: next.id, slug: next.slug, publishedAt, updatedAt: nowIso, approvedBy: approver, ...(next.revisedAt ? { revisedAt: next.revisedAt } : {}),
    });

    // Counted once per live publication; a re-approval moves the count only if its report kind,
    // section or units changed, keeping the original day and approver.
    const content = contentOf(kind, next);
    const units = kind.reportUnits?.(content);
    const base = current.counted && current.live
      ? { ...current.counted, kind: kind.reportKind(content), sectionId: next.sectionId }
      : { publishedAt, kind: kind.reportKind(content), sectionId: next.sectionId, approverId: approver.id, approverName: approver.name };
    const target: Counted = { ...base, ...(units ? { units } : {}) };
    if (!units) delete target.units;
    const aggregates: TransactItem[] = countChanges(store, current.live ? current.counted : undefined, target);
    next.counted = target;

    const faceted = kind.facets?.(view);
    if (faceted) next.faceted = faceted;
    else delete next.faceted;
    aggregates.push(...facetChanges(store, anyKind, next.id, current.live ? current.faceted : undefined, faceted ? { faceted, view } : undefined));

    const plan = await ReaderIndex.prepare(anyKind, store, next.id, view.sectionId, liveAt(current)?.sectionId);
    await commit(
      [
        putItem(store, kind, next, current.version),
        putPublishedView(store, kind, view),
        ...aggregates,
        ...ReaderIndex.publishItems(anyKind, store, view, liveAt(current), now, plan),
        audit(approver, action, current, nowIso, {
          before: { status: current.status, live: current.live },
          after: { status: next.status, publishedAt, revision: next.revision, sectionId: next.sectionId, ...auditDetails(content) },
          ...(reason ? { reason } : {}),
        }),
      ],
      current,
    );
    const change = { item: next, previous: current };
    await afterPublicChange(change);
    return change;
  }

  /** Saves new content as a revision; published, scheduled and unpublished items go back to draft. */
  async function saveContent(user: SessionUser, current: Item<C>, content: C, note: string): Promise<Change<C>> {
    const now = new Date().toISOString();
    const me = actorOf(user);
    const next = { ...current, ...content, status: nextStatus("edit", current.status), version: current.version + 1, revision: current.revision + 1, updatedAt: now, updatedBy: me } as Item<C>;
    for (const field of kind.contentFields) if ((content as Record<string, unknown>)[field] === undefined) delete (next as unknown as Record<string, unknown>)[field];
    if (next.status !== "scheduled") delete next.scheduledAt;
    const uniques = uniqueChanges(current.id, current.uniques, content, 3);
    const media = mediaUses(current.id, content, current.mediaUsed);
    if (media.used.length > 0) next.mediaUsed = media.used;
    if (uniques.tokens.length > 0) next.uniques = uniques.tokens;
    else delete next.uniques;
    const details = auditDetails(content);
    await commit(
      [
        putItem(store, kind, next, current.version),
        putRevision(store, kind, next, me, now, note),
        audit(me, "edit", current, now, {
          before: { status: current.status, fields: changedFields(kind, current, next), version: current.version },
          after: { status: next.status, version: next.version, revision: next.revision, ...(note !== "edit" ? { note } : {}), ...details },
        }),
        ...uniques.items,
        ...media.items,
      ],
      current,
      uniques.uniqueAt,
    );
    return { item: next, previous: current };
  }

  /**
   * Reserves the slug (or the next free "-2", "-3"…; a `fixed` slug is a 409 when taken) and the
   * content's unique values in the transaction that creates item `id`.
   */
  async function createWithSlug(
    base: string,
    build: (slug: string) => TransactItem[],
    options: { id?: string; content?: C; fixed?: boolean } = {},
  ): Promise<{ slug: string; uniques: string[] }> {
    const uniques = options.content && options.id ? uniquesOf(options.content) : [];
    for (let attempt = 1; attempt <= 100; attempt++) {
      const slug = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        const reservations = uniques.map((key) => reserveUnique(store, anyKind, key.token, options.id!));
        await transact(store, [reserveSlug(store, anyKind, slug), ...reservations, ...build(slug)], {
          onConditionFailed: (index) =>
            index === 0
              ? options.fixed
                ? // A fixed slug stands for the content's identity: say which, as its unique key would.
                  uniques[0]
                  ? uniqueTaken(uniques[0])
                  : new AppError("CONFLICT", `${capitalize(noun)} này đã có (đường dẫn ${slug} đã được dùng).`)
                : new SlugTaken()
              : index <= uniques.length
                ? uniqueTaken(uniques[index - 1]!)
                : new AppError("CONFLICT", `${capitalize(noun)} này đã tồn tại.`),
        });
        return { slug, uniques: uniques.map((key) => key.token) };
      } catch (error) {
        if (error instanceof SlugTaken) continue;
        throw error;
      }
    }
    throw invalid("Không tạo được đường dẫn duy nhất cho tiêu đề này.", { title: "Hãy đổi tiêu đề." });
  }

  return { conflict, commit, audit, transition, liveAt, afterPublicChange, publish, saveContent, createWithSlug, uniquesOf, auditDetails, mediaUses };
}

const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

class SlugTaken extends Error {}

function uniqueTaken(key: UniqueKey): AppError {
  return new AppError("CONFLICT", key.message, { [key.field]: key.message });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
