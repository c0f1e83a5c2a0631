/**
 * After a 409 (someone saved a newer version while this editor was typing): what differs between
 * the server's current version and the text on screen, field by field, side by side (DiffView),
 * and the editor's choice. Nothing is saved until the editor chooses:
 * - keep mine: save the text on screen over the newer version (with its version number);
 * - take theirs: the screen gets the server's version (mine stays restorable until leaving);
 * - copy from theirs into mine (a field, or the other body appended to mine), then save.
 * A lazy chunk of its own: the word diff (editor/diff.ts, the `diff` package) loads only here.
 */
import { createMemo, Show } from "solid-js";
import { formatDateTime } from "../format";
import { diffTexts, textOfHtml } from "../editor/diff";
import type { Article } from "../types";
import { DiffView, type DiffRow } from "./DiffView";

/** The fields compared, as the editor's form holds them. */
export interface Comparable {
  title: string;
  summary: string;
  body: string;
  byline: string;
  sourceName: string;
  sourceUrl: string;
}

export type CopyField = "title" | "summary" | "byline" | "body" | "body-append";

export interface CompareProps {
  mine: Comparable;
  theirs: Article;
  /** The text on screen when the conflict was met, if it has been changed since (copying, taking theirs). */
  canRestoreMine: boolean;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onCopy: (field: CopyField) => void;
  onRestoreMine: () => void;
}

const LABELS: Record<keyof Comparable, string> = {
  title: "Tiêu đề",
  summary: "Sapo (tóm tắt)",
  byline: "Bút danh tác giả",
  sourceName: "Tên nguồn",
  sourceUrl: "Địa chỉ nguồn",
  body: "Nội dung",
};

export default function Compare(props: CompareProps) {
  const rows = createMemo((): DiffRow[] => {
    const theirs = props.theirs;
    const mine = props.mine;
    const plain = (field: Exclude<keyof Comparable, "body">): DiffRow | undefined => {
      const before = String(theirs[field] ?? "");
      const after = mine[field];
      if (field !== "title" && field !== "summary" && before === after) return undefined;
      return {
        label: LABELS[field],
        parts: diffTexts(before, after),
        actions:
          field === "sourceName" || field === "sourceUrl" || before === after
            ? undefined
            : () => (
                <button type="button" class="button" disabled={props.busy} onClick={() => props.onCopy(field)}>
                  Dùng {LABELS[field].toLowerCase()} của bản trên máy chủ
                </button>
              ),
      };
    };
    const bodyBefore = textOfHtml(theirs.body ?? "");
    const bodyAfter = textOfHtml(mine.body);
    const body: DiffRow = {
      label: LABELS.body,
      parts: diffTexts(bodyBefore, bodyAfter),
      actions:
        bodyBefore === bodyAfter
          ? undefined
          : () => (
              <>
                <button type="button" class="button" disabled={props.busy} onClick={() => props.onCopy("body-append")}>
                  Chép nội dung bản trên máy chủ vào cuối bài của tôi
                </button>
                <button type="button" class="button" disabled={props.busy} onClick={() => props.onCopy("body")}>
                  Thay nội dung của tôi bằng bản trên máy chủ
                </button>
              </>
            ),
    };
    return [plain("title"), plain("summary"), plain("byline"), plain("sourceName"), plain("sourceUrl"), body].filter((row): row is DiffRow => Boolean(row));
  });

  return (
    <section class="panel compare" aria-labelledby="compare-title">
      <div class="alert alert--error" role="alert">
        <p>
          Bài viết vừa được người khác lưu (phiên bản {props.theirs.version}, {props.theirs.updatedBy?.name ?? "không rõ người lưu"} lúc{" "}
          {formatDateTime(props.theirs.updatedAt)}). Nội dung bạn đang soạn vẫn còn nguyên trên màn hình, chưa được lưu, và tự động lưu đã dừng.
        </p>
      </div>
      <h2 id="compare-title">So sánh bản trên máy chủ với bản của tôi</h2>
      <p class="field__hint">
        Phần chỉ có ở một bản được gạch ngang (bản trên máy chủ) hoặc gạch chân (bản của tôi). Chọn cách xử lý ở cuối mục này; chưa có gì bị ghi đè.
      </p>
      <DiffView id="conflict" beforeLabel={`Bản trên máy chủ (phiên bản ${props.theirs.version})`} afterLabel="Bản của tôi (chưa lưu)" rows={rows()} />
      <div class="actions">
        <button type="button" class="button button--primary" disabled={props.busy} onClick={() => props.onKeepMine()}>
          Lưu đè bằng nội dung của tôi
        </button>
        <button type="button" class="button" disabled={props.busy} onClick={() => props.onTakeTheirs()}>
          Bỏ nội dung của tôi, mở bản mới nhất
        </button>
        <Show when={props.canRestoreMine}>
          <button type="button" class="button button--quiet" disabled={props.busy} onClick={() => props.onRestoreMine()}>
            Hoàn lại bản của tôi như lúc bị từ chối
          </button>
        </Show>
      </div>
    </section>
  );
}
