import { randomUUID } from "node:crypto";
import { z } from "zod";
import { canOnContent, canSetArchiveDate, forbidden, isBoardFor, selfApproval } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import { Sections, type Section } from "../sections/sections";
import { AppError, invalid, notFound } from "../shared/errors";
import { plainText } from "../shared/html";
import { isSlug, slugify } from "../shared/text";
import { isoDateTime, optionalText, parse, text, version } from "../shared/validation";
import { batchDelete, type Store } from "../storage/store";
import type { Actor } from "./audit";
import type { PublishEffects } from "./invalidation";
import {
  contentOf, deleteItem, deletePublishedView, facetChanges, loadItem, putItem, putPublishedView, putRevision,
  releaseSlug, releaseUnique, revisionKeys, sameContent,
} from "./items";
import { countChanges } from "./report-counts";
import { MediaLibrary } from "../media/library";
import type { BaseContent, ContentKind, Counted, Item, PublishedBase } from "./kind";
import { ReaderIndex } from "./reader-index";
import { createSteps } from "./steps";
import { WorkLists } from "./lists";
import { Revisions } from "./revisions";
import { allowedFrom, nextStatus, TRANSITIONS, type Command } from "./workflow";

/**
 * The publishing engine: one workflow (workflow.ts) for every content kind (kind.ts). Every
 * change is one transaction conditional on the version the editor read: working copy, revision,
 * published view, report aggregates, reader index and audit event together; side effects (CDN)
 * go through the `effects` port after the commit. The guarded commands below are the only way
 * to change an item; each returns the new state and the previous one.
 * @example
 * const articles = createEngine(Articles.kind, { store, effects });
 * const { item } = await articles.approve(user, id, { version: 3 });
 */
export interface EngineContext {
  store: Store;
  /** What happens after a public change commits (CDN invalidation); nothing when absent. */
  effects?: PublishEffects;
}

export interface Change<C extends BaseContent> {
  item: Item<C>;
  previous?: Item<C>;
}

const REASON_MAX = 2000;
const ONE_YEAR_MS = 366 * 24 * 3600 * 1000;
const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

/** An already-approved item (archive import, demo seed); the approver is author and approver. */
export interface ImportRequest<C extends BaseContent> {
  /** A fixed id makes an import idempotent (demo seed); random otherwise. */
  id?: string;
  content: C;
  publishedAt: string;
}

export function createEngine<C extends BaseContent, V extends PublishedBase>(kind: ContentKind<C, V>, context: EngineContext) {
  const { store } = context;
  const noun = kind.noun;
  // The reader index, effects and slug helpers take any kind.
  const anyKind = kind as unknown as ContentKind;

  async function requireSection(idOrSlug: string): Promise<Section> {
    const section = (await Sections.list(store)).find((s) => s.id === idOrSlug || s.slug === idOrSlug);
    if (!section) throw invalid("Chuyên mục không tồn tại.", { section: "Chuyên mục không tồn tại." });
    return section;
  }

  /** The working copy, for those who may see it: its author, the board of its section (or of where it is live). */
  async function get(user: SessionUser, id: string): Promise<Item<C>> {
    const item = await loadItem(store, kind, id);
    if (!item) throw notFound(`Không tìm thấy ${noun}.`);
    const liveIn = item.live ? item.counted?.sectionId : undefined;
    if (item.author.id !== user.id && !isBoardFor(user, item.sectionId) && !(liveIn && isBoardFor(user, liveIn)))
      throw forbidden(`Bạn không có quyền xem ${noun} này.`);
    return item;
  }

  /**
   * Loads the item and checks everything a command needs: permission (accounts/permissions.ts),
   * the version the editor read, and the workflow's table (workflow.ts).
   */
  async function guard(user: SessionUser, command: Command, id: string, expectedVersion: number | undefined): Promise<Item<C>> {
    const current = await get(user, id);
    const action = TRANSITIONS[command].action!;
    // Unpublishing or replacing what readers see is decided by the board where it is live.
    const sectionId = command === "unpublish" ? (current.counted?.sectionId ?? current.sectionId) : current.sectionId;
    if (!canOnContent(user, action, { sectionId, authorId: current.author.id, status: current.status })) throw forbidden();
    if ((command === "approve" || command === "schedule") && current.live && current.counted && !isBoardFor(user, current.counted.sectionId))
      throw forbidden(`${capitalize(noun)} đang được đăng ở một chuyên mục bạn không phụ trách.`);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw conflict(current);
    if (!allowedFrom(command, current)) throw new AppError("CONFLICT", TRANSITIONS[command].refusal(noun), undefined, { currentVersion: current.version });
    return current;
  }

  function requireReady(content: C) {
    const missing = kind.missingForReview(content);
    const fields = Object.keys(missing);
    if (fields.length > 0) throw invalid(`Chưa thể gửi duyệt hoặc duyệt: ${Object.values(missing).join(" ")}`, missing);
  }

  /** Four eyes: the author approves only as a chief with a reason, or where the section allows it. */
  async function checkSelfApproval(user: SessionUser, current: Item<C>, reason: string | undefined): Promise<string | undefined> {
    const section = (await Sections.list(store)).find((s) => s.id === current.sectionId);
    const rule = selfApproval(user, { authorId: current.author.id, archive: current.archive }, section);
    if (rule === "allowed") return undefined;
    if (rule === "refused") throw forbidden(`Bạn không thể tự duyệt ${noun} do mình viết: hãy gửi để thành viên khác của Ban biên tập duyệt.`);
    if (!reason) throw invalid(`Duyệt ${noun} do chính mình viết cần ghi lý do (được lưu trong nhật ký).`, { reason: "Hãy nêu lý do tự duyệt." });
    return reason;
  }

  const { conflict, commit, audit, transition, liveAt, afterPublicChange, publish, saveContent, createWithSlug, auditDetails, mediaUses } = createSteps(kind, context);
  /** The kind's store-dependent resolution (`prepare`), then its checks. */
  async function prepared(content: C): Promise<C> {
    const out = kind.prepare ? await kind.prepare(content, { store }) : content;
    kind.check(out);
    return out;
  }

  const withVersion = z.object({ version });
  const withReason = z.object({ version, reason: optionalText("Lý do", REASON_MAX).optional() });

  return {
    kind,
    load: (id: string) => loadItem(store, kind, id),
    get,

    async create(user: SessionUser, input: unknown): Promise<Change<C>> {
      const data = parse(kind.createSchema, input);
      const sectionRef = data.section ?? (await kind.defaultSection?.(data, { store }));
      if (!sectionRef) throw invalid("Hãy chọn chuyên mục.", { section: "Bắt buộc." });
      const section = await requireSection(sectionRef);
      if (!canOnContent(user, "create", { sectionId: section.id })) throw forbidden();
      if (data.publishedAt && !canSetArchiveDate(user)) throw forbidden("Chỉ quản trị viên và Tổng biên tập được đặt ngày đăng khi nhập bài lưu trữ.");
      if (data.slug !== undefined && !isSlug(data.slug)) throw invalid("Đường dẫn không hợp lệ.", { slug: "Chỉ gồm chữ thường không dấu, số và dấu gạch ngang." });
      const content = await prepared(kind.fromCreate(data, { sectionId: section.id, author: actorOf(user) }));
      const now = new Date().toISOString();
      const me = actorOf(user);
      const id = randomUUID();
      const fixed = kind.slugOf?.(content);
      let item!: Item<C>;
      await createWithSlug(
        fixed ?? data.slug ?? slugify(content.title),
        (slug) => {
          item = {
            ...content, id, slug, contentKind: kind.name, status: "draft", live: false, version: 1, revision: 1,
            author: me, createdAt: now, updatedAt: now, updatedBy: me,
            ...(data.publishedAt ? { publishedAt: new Date(data.publishedAt).toISOString(), archive: true } : {}),
          } as Item<C>;
          const uniques = (kind.uniqueKeys?.(content) ?? []).map((key) => key.token);
          if (uniques.length > 0) item.uniques = [...new Set(uniques)];
          const media = mediaUses(id, content);
          if (media.used.length > 0) item.mediaUsed = media.used;
          return [
            putItem(store, kind, item, null),
            putRevision(store, kind, item, me, now, "create"),
            audit(me, "create", item, now, { after: { title: item.title, sectionId: item.sectionId, kind: kind.reportKind(content), ...auditDetails(content) } }),
            ...media.items,
          ];
        },
        { id, content, fixed: fixed !== undefined },
      );
      return { item };
    },

    /** A new version of the content, conditional on `version` (409 when stale; nothing written). */
    async update(user: SessionUser, id: string, input: unknown): Promise<Change<C>> {
      const data = parse(kind.updateSchema, input);
      const current = await guard(user, "edit", id, data.version);
      const { version: _version, section, ...changes } = data;
      void _version;
      const sectionId = section === undefined ? current.sectionId : (await requireSection(section)).id;
      if (sectionId !== current.sectionId && !canOnContent(user, "edit", { sectionId, authorId: current.author.id, status: current.status })) throw forbidden();
      const content = await prepared(kind.applyUpdate(contentOf(kind, current), changes, sectionId));
      if (sameContent(kind, content, current)) return { item: current, previous: current };
      return saveContent(user, current, content, "edit");
    },

    /** Restoring an old revision saves its content as a new revision; nothing is overwritten. */
    async restore(user: SessionUser, id: string, number: number, input: unknown): Promise<Change<C>> {
      const { version: expected } = parse(withVersion, input);
      const old = await Revisions.get(store, kind, id, number, () => get(user, id));
      const current = await guard(user, "restore", id, expected);
      const content = await prepared(contentOf(kind, old as unknown as C));
      if (content.sectionId !== current.sectionId && !canOnContent(user, "edit", { sectionId: content.sectionId, authorId: current.author.id, status: current.status }))
        throw forbidden();
      return saveContent(user, current, content, `restore:${number}`);
    },

    /** draft | returned → submitted: into the review queue of its section. */
    async submit(user: SessionUser, id: string, input: unknown): Promise<Change<C>> {
      const { version: expected } = parse(withVersion, input);
      const current = await guard(user, "submit", id, expected);
      requireReady(current);
      const now = new Date().toISOString();
      const next: Item<C> = { ...current, status: nextStatus("submit", current.status), submittedAt: now, version: current.version + 1, updatedAt: now, updatedBy: actorOf(user) };
      delete next.returnReason;
      return transition(user, current, next, "submit");
    },

    /** submitted → returned, with the reason the author will read. */
    async returnToAuthor(user: SessionUser, id: string, input: unknown): Promise<Change<C>> {
      const data = parse(z.object({ version, reason: text("Lý do trả lại", REASON_MAX) }), input);
      const current = await guard(user, "return", id, data.version);
      const reason = plainText(data.reason);
      const now = new Date().toISOString();
      const next: Item<C> = { ...current, status: nextStatus("return", current.status), returnReason: reason, version: current.version + 1, updatedAt: now, updatedBy: actorOf(user) };
      delete next.submittedAt;
      return transition(user, current, next, "return", reason);
    },

    /**
     * Approves and publishes now (also republishes an unpublished item), or at `at` when it is in
     * the future (scheduled). The approver is recorded on the item and the published view.
     */
    async approve(user: SessionUser, id: string, input: unknown, command: "approve" | "schedule" = "approve"): Promise<Change<C>> {
      const data = parse(z.object({ version, at: isoDateTime("Thời điểm xuất bản").optional(), reason: optionalText("Lý do", REASON_MAX).optional() }), input);
      if (command === "schedule" && !data.at) throw invalid("Hãy chọn thời điểm xuất bản.", { at: "Bắt buộc khi hẹn giờ." });
      const current = await guard(user, command, id, data.version);
      requireReady(current);
      const reason = await checkSelfApproval(user, current, data.reason ? plainText(data.reason) : undefined);
      const now = new Date();
      const at = data.at ? new Date(data.at) : undefined;
      if (at && at.getTime() > now.getTime() + 30_000) {
        if (at.getTime() > now.getTime() + ONE_YEAR_MS) throw invalid("Chỉ hẹn giờ xuất bản trong vòng một năm.", { at: "Quá xa." });
        if (!allowedFrom("schedule", current)) throw new AppError("CONFLICT", TRANSITIONS.schedule.refusal(noun), undefined, { currentVersion: current.version });
        const next: Item<C> = {
          ...current, status: nextStatus("schedule", current.status), scheduledAt: at.toISOString(), approvedBy: actorOf(user), approvedAt: now.toISOString(),
          version: current.version + 1, updatedAt: now.toISOString(), updatedBy: actorOf(user),
        };
        return transition(user, current, next, "schedule", reason);
      }
      return publish(current, actorOf(user), now, current.status === "unpublished" ? "republish" : "approve", reason);
    },

    schedule(user: SessionUser, id: string, input: unknown) {
      return this.approve(user, id, input, "schedule");
    },

    /** published → unpublished: the published view is deleted and every count undone. */
    async unpublish(user: SessionUser, id: string, input: unknown): Promise<Change<C>> {
      const data = parse(withReason, input);
      const current = await guard(user, "unpublish", id, data.version);
      const now = new Date().toISOString();
      const next: Item<C> = { ...current, status: nextStatus("unpublish", current.status), live: false, version: current.version + 1, updatedAt: now, updatedBy: actorOf(user) };
      delete next.counted;
      delete next.scheduledAt;
      delete next.faceted;
      const live = liveAt(current) ?? { sectionId: current.sectionId, publishedAt: current.publishedAt ?? now };
      const plan = await ReaderIndex.prepare(anyKind, store, current.id, undefined, live.sectionId);
      await commit(
        [
          putItem(store, kind, next, current.version),
          deletePublishedView(store, anyKind, current.slug),
          ...countChanges(store, current.counted, undefined),
          ...facetChanges(store, anyKind, current.id, current.faceted, undefined),
          ...ReaderIndex.unpublishItems(anyKind, store, current.id, live, new Date(now), plan),
          audit(actorOf(user), "unpublish", current, now, {
            before: { status: current.status, live: true },
            after: { status: next.status, live: false },
            ...(data.reason ? { reason: plainText(data.reason) } : {}),
          }),
        ],
        current,
      );
      const change = { item: next, previous: current };
      await afterPublicChange(change);
      return change;
    },

    /** Deletes a never-published draft, its slug and its revisions; the audit keeps the event. */
    async remove(user: SessionUser, id: string, input: unknown): Promise<Change<C>> {
      const data = parse(z.object({ version: version.optional() }), input ?? {});
      const current = await guard(user, "delete", id, data.version);
      const now = new Date().toISOString();
      await commit(
        [
          deleteItem(store, anyKind, current),
          releaseSlug(store, anyKind, current.slug),
          ...(current.uniques ?? []).map((token) => releaseUnique(store, anyKind, token)),
          // Every file the draft ever recorded a use of is released: the draft is gone.
          ...(current.mediaUsed ?? []).map((ref) => MediaLibrary.useUpdate(store, ref, `${kind.name}#${current.id}`, "remove")),
          audit(actorOf(user), "delete", current, now, { before: { status: current.status, title: current.title, revision: current.revision } }),
        ],
        current,
      );
      // Revisions of a deleted draft are unreachable; removed after the commit.
      await batchDelete(store, await revisionKeys(store, anyKind, id));
      return { item: { ...current, version: current.version + 1 }, previous: current };
    },

    /** Publishes this scheduled item if it is due, as the board member who scheduled it. */
    async publishIfDue(id: string, now = new Date()): Promise<Change<C> | undefined> {
      const current = await loadItem(store, kind, id);
      if (!current || !allowedFrom("publish-due", current) || !current.approvedBy || !current.scheduledAt) return undefined;
      if (current.scheduledAt > now.toISOString()) return undefined;
      return publish(current, current.approvedBy, now, "publish-scheduled");
    },

    /**
     * Stores an already-approved item (archive import, demo seed) exactly as the workflow would
     * have left it, in one transaction; the content is checked and cleaned like any editor's.
     */
    async importPublished(request: ImportRequest<C>, approver: Actor): Promise<V> {
      const content = await prepared(request.content);
      const published = new Date(request.publishedAt);
      if (Number.isNaN(published.getTime())) throw invalid("Ngày đăng không hợp lệ.", { publishedAt: "Ngày giờ không hợp lệ." });
      const publishedAt = published.toISOString();
      const now = new Date();
      const nowIso = now.toISOString();
      const id = request.id ?? randomUUID();
      const units = kind.reportUnits?.(content);
      const counted: Counted = {
        publishedAt, kind: kind.reportKind(content), sectionId: content.sectionId, approverId: approver.id, approverName: approver.name, ...(units ? { units } : {}),
      };
      const fixed = kind.slugOf?.(content);
      const plan = await ReaderIndex.prepare(anyKind, store, id, content.sectionId, undefined);
      let view!: V;
      await createWithSlug(
        fixed ?? slugify(content.title),
        (slug) => {
          view = kind.publishedView(content, { id, slug, publishedAt, updatedAt: nowIso, approvedBy: approver });
          const faceted = kind.facets?.(view);
          const uniques = [...new Set((kind.uniqueKeys?.(content) ?? []).map((key) => key.token))];
          const media = mediaUses(id, content);
          const item = {
            ...content, id, slug, contentKind: kind.name, status: "published", live: true, version: 1, revision: 1, author: approver,
            createdAt: nowIso, updatedAt: nowIso, updatedBy: approver, publishedAt, firstPublishedAt: publishedAt, archive: true,
            approvedBy: approver, approvedAt: nowIso, counted, publishedRevision: 1,
            ...(faceted ? { faceted } : {}), ...(uniques.length > 0 ? { uniques } : {}), ...(media.used.length > 0 ? { mediaUsed: media.used } : {}),
          } as Item<C>;
          return [
            putItem(store, kind, item, null),
            putRevision(store, kind, item, approver, nowIso, "import"),
            putPublishedView(store, anyKind, view),
            ...countChanges(store, undefined, counted),
            ...facetChanges(store, anyKind, id, undefined, faceted ? { faceted, view } : undefined),
            ...ReaderIndex.publishItems(anyKind, store, view, undefined, now, plan),
            audit(approver, "import", item, nowIso, { after: { publishedAt, sectionId: content.sectionId, ...auditDetails(content) } }),
            ...media.items,
          ];
        },
        { id, content, fixed: fixed !== undefined },
      );
      return view;
    },

    /** The working copy with its newest revisions (`revisionsNext` for more) and history, for the editor's screen. */
    async detail(user: SessionUser, id: string) {
      const item = await get(user, id);
      return { ...item, ...(await Revisions.overview(store, kind, id)) };
    },
    revisions: async (user: SessionUser, id: string, options: { cursor?: string; limit?: number } = {}) => (await get(user, id), Revisions.list(store, kind, id, options)),
    revision: (user: SessionUser, id: string, number: number) => Revisions.get(store, kind, id, number, () => get(user, id)),
    compare: (user: SessionUser, id: string, a: number, b: number) => Revisions.compare(store, kind, id, a, b, () => get(user, id)),
    list: (user: SessionUser, view: string | undefined, options: { cursor?: string; limit?: number } = {}) => WorkLists.list(store, kind, user, view, options),
  };
}

export type Engine<C extends BaseContent = BaseContent, V extends PublishedBase = PublishedBase> = ReturnType<typeof createEngine<C, V>>;


function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

