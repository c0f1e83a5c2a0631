import type { SessionUser } from "../accounts/users";
import { AppError, invalid } from "../shared/errors";
import { transact, type TransactItem } from "../storage/store";
import { auditPut, type Actor } from "./audit";
import type { Change, EngineContext } from "./engine";
import { changedFields, contentOf, loadItem, putItem, putPublishedView, putRevision, reportCount, reserveSlug } from "./items";
import type { BaseContent, ContentKind, Counted, Item, PublishedBase } from "./kind";
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

  /** One transaction; a failed condition on the working copy (index 0) is a 409 with the fresh version. */
  async function commit(items: TransactItem[], current: Item<C>) {
    await transact(store, items, {
      onConditionFailed: async () => conflict((await loadItem(store, kind, current.id)) ?? current),
    });
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
    await context.effects?.published({ kind: anyKind, locations: [location(change.item), location(change.previous)] });
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
    const view = kind.publishedView(contentOf(kind, next), { id: next.id, slug: next.slug, publishedAt, updatedAt: nowIso, approvedBy: approver });

    // Counted once per live publication; a re-approval moves the count only if its report kind or
    // section changed, keeping the original day and approver.
    const aggregates: TransactItem[] = [];
    const reportKind = kind.reportKind(next);
    const target: Counted = current.counted && current.live
      ? { ...current.counted, kind: reportKind, sectionId: next.sectionId }
      : { publishedAt, kind: reportKind, sectionId: next.sectionId, approverId: approver.id, approverName: approver.name };
    if (!current.live || !current.counted) aggregates.push(reportCount(store, target, 1));
    else if (current.counted.kind !== target.kind || current.counted.sectionId !== target.sectionId)
      aggregates.push(reportCount(store, current.counted, -1), reportCount(store, target, 1));
    next.counted = target;

    await commit(
      [
        putItem(store, kind, next, current.version),
        putPublishedView(store, kind, view),
        ...aggregates,
        ...ReaderIndex.publishItems(anyKind, store, view, liveAt(current), now),
        audit(approver, action, current, nowIso, {
          before: { status: current.status, live: current.live },
          after: { status: next.status, publishedAt, revision: next.revision, sectionId: next.sectionId },
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
    await commit(
      [
        putItem(store, kind, next, current.version),
        putRevision(store, kind, next, me, now, note),
        audit(me, "edit", current, now, {
          before: { status: current.status, fields: changedFields(kind, current, next), version: current.version },
          after: { status: next.status, version: next.version, revision: next.revision, ...(note !== "edit" ? { note } : {}) },
        }),
      ],
      current,
    );
    return { item: next, previous: current };
  }

  /** Reserves the slug (or the next free "-2", "-3"…) in the transaction that creates the item. */
  async function createWithSlug(base: string, build: (slug: string) => TransactItem[]): Promise<string> {
    for (let attempt = 1; attempt <= 100; attempt++) {
      const slug = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        await transact(store, [reserveSlug(store, anyKind, slug), ...build(slug)], {
          onConditionFailed: (index) => (index === 0 ? new SlugTaken() : new AppError("CONFLICT", `${capitalize(noun)} này đã tồn tại.`)),
        });
        return slug;
      } catch (error) {
        if (error instanceof SlugTaken) continue;
        throw error;
      }
    }
    throw invalid("Không tạo được đường dẫn duy nhất cho tiêu đề này.", { title: "Hãy đổi tiêu đề." });
  }

  return { conflict, commit, audit, transition, liveAt, afterPublicChange, publish, saveContent, createWithSlug };
}

const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

class SlugTaken extends Error {}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
