/**
 * The article body editor: Tiptap 3 (ProseMirror) through solid-tiptap, in its own lazily loaded
 * chunk (only an open article loads it). Headings 2–4 (the title is the page's h1), bold, italic,
 * lists, quotes, links (a dialog: http(s) and mailto only), tables (@tiptap/extension-table; header
 * cells get scope="col"), images from the media library (image.ts, dialogs.tsx); pasted Word HTML is
 * cleaned first (paste.ts), ProseMirror's schema drops what is left beyond that, and the server's
 * sanitizer (core/shared/html.ts) stays the authority on what is stored.
 * ProseMirror reads composition input (Telex/VNI through UniKey, EVKey, the OS input methods) from
 * the DOM after composition ends, which is what keeps syllables from doubling.
 */
import StarterKit from "@tiptap/starter-kit";
import { TableHeader, TableKit } from "@tiptap/extension-table";
import type { Editor } from "@tiptap/core";
import { createEditorTransaction, createTiptapEditor } from "solid-tiptap";
import { createEffect, createSignal, For, Show, untrack, type JSX } from "solid-js";
import { InsertImage, LinkDialog } from "./dialogs";
import { LibraryImage } from "./image";
import { cleanPastedHtml } from "./paste";

export interface RichTextProps {
  /** Initial HTML; later changes of the prop are ignored (the editor owns the text while open). */
  value: string;
  onChange: (html: string) => void;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
}

interface Tool {
  label: string;
  text: JSX.Element;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
  /** Shown only when this is true (table tools inside a table). */
  shown?: (editor: Editor) => boolean;
}

/** Header cells say which cells they head: a screen reader reads the column's name with each cell. */
const ScopedHeader = TableHeader.extend({
  addAttributes() {
    return { ...this.parent?.(), scope: { default: "col", parseHTML: (element: HTMLElement) => element.getAttribute("scope") ?? "col" } };
  },
});

const inTable = (e: Editor) => e.isActive("table");

function tools(dialogs: { link: () => void; image: () => void }): Tool[] {
  return [
    { label: "Đề mục lớn", text: "H2", run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive("heading", { level: 2 }) },
    { label: "Đề mục nhỏ", text: "H3", run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive("heading", { level: 3 }) },
    { label: "Chữ đậm", text: <b>B</b>, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold") },
    { label: "Chữ nghiêng", text: <i>I</i>, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic") },
    { label: "Danh sách dấu chấm", text: "• Danh sách", run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
    { label: "Danh sách đánh số", text: "1. Danh sách", run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
    { label: "Trích dẫn", text: "❝", run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive("blockquote") },
    { label: "Liên kết", text: "Liên kết", run: dialogs.link, active: (e) => e.isActive("link") },
    { label: "Chèn ảnh từ thư viện", text: "Ảnh", run: dialogs.image },
    { label: "Chèn bảng 3 × 3 có hàng tiêu đề", text: "Bảng", run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
    { label: "Thêm hàng dưới", text: "+ Hàng", run: (e) => e.chain().focus().addRowAfter().run(), shown: inTable },
    { label: "Thêm cột bên phải", text: "+ Cột", run: (e) => e.chain().focus().addColumnAfter().run(), shown: inTable },
    { label: "Xóa hàng", text: "− Hàng", run: (e) => e.chain().focus().deleteRow().run(), shown: inTable },
    { label: "Xóa cột", text: "− Cột", run: (e) => e.chain().focus().deleteColumn().run(), shown: inTable },
    { label: "Xóa bảng", text: "Xóa bảng", run: (e) => e.chain().focus().deleteTable().run(), shown: inTable },
    { label: "Hoàn tác", text: "↶", run: (e) => e.chain().focus().undo().run() },
    { label: "Làm lại", text: "↷", run: (e) => e.chain().focus().redo().run() },
  ];
}

export default function RichText(props: RichTextProps) {
  let element!: HTMLDivElement;
  const [dialog, setDialog] = createSignal<{ kind: "link"; current: string } | { kind: "image" }>();
  // Read once: solid-tiptap builds the editor again whenever a signal read here changes.
  const editor = createTiptapEditor(() =>
    untrack(() => ({
      element,
      content: props.value,
      extensions: [
        StarterKit.configure({
          heading: { levels: [2, 3, 4] },
          code: false,
          codeBlock: false,
          underline: false,
          link: {
            openOnClick: false,
            autolink: true,
            defaultProtocol: "https",
            protocols: ["http", "https", "mailto"],
            // Pasted or typed links too: nothing but web addresses and e-mail (no javascript:, tel:, data:).
            isAllowedUri: (url) => /^(https?:\/\/|mailto:)/i.test(url),
          },
        }),
        TableKit.configure({ table: { resizable: false }, tableHeader: false }),
        ScopedHeader,
        LibraryImage,
      ],
      editorProps: {
        transformPastedHTML: cleanPastedHtml,
        attributes: {
          class: "rich-text__area",
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": props.labelledBy,
        },
      },
      onUpdate: ({ editor }: { editor: Editor }) => props.onChange(editor.isEmpty ? "" : editor.getHTML()),
    })),
  );

  const toolbar = tools({
    link: () => setDialog({ kind: "link", current: (editor()?.getAttributes("link").href as string | undefined) ?? "" }),
    image: () => setDialog({ kind: "image" }),
  });

  // Field errors come and go after the editor exists: kept on its element as on any other field.
  createEffect(() => {
    const dom = editor()?.view.dom;
    if (!dom) return;
    if (props.describedBy) dom.setAttribute("aria-describedby", props.describedBy);
    else dom.removeAttribute("aria-describedby");
    if (props.invalid) dom.setAttribute("aria-invalid", "true");
    else dom.removeAttribute("aria-invalid");
  });

  return (
    <div class="rich-text">
      <div class="rich-text__toolbar" role="toolbar" aria-label="Định dạng nội dung">
        <For each={toolbar}>
          {(tool) => {
            const active = createEditorTransaction(editor, (instance) => (instance && tool.active ? tool.active(instance) : undefined));
            const shown = createEditorTransaction(editor, (instance) => (instance && tool.shown ? tool.shown(instance) : true));
            return (
              <Show when={shown()}>
                <button
                  type="button"
                  class="tool"
                  title={tool.label}
                  aria-label={tool.label}
                  aria-pressed={tool.active ? (active() ? "true" : "false") : undefined}
                  // A click leaves the caret in the text: the text keeps the focus, so what is typed
                  // right after goes in at once (given to the button, Tiptap's focus() would bring it
                  // back only at the next frame, and quick typing in between would be lost).
                  // Keyboard users reach the buttons with Tab as before.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => {
                    const instance = editor();
                    if (instance) tool.run(instance);
                  }}
                >
                  {tool.text}
                </button>
              </Show>
            );
          }}
        </For>
      </div>
      <div ref={element} class="rich-text__frame" />
      <Show when={dialog()}>
        {(open) => {
          const current = open();
          const instance = editor();
          if (!instance) return null;
          return current.kind === "link" ? (
            <LinkDialog
              current={current.current}
              onApply={(href) => {
                // Nothing selected and not in a link: the address itself becomes the linked text.
                if (href && instance.state.selection.empty && !instance.isActive("link"))
                  return void instance.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
                const chain = instance.chain().focus().extendMarkRange("link");
                (href ? chain.setLink({ href }) : chain.unsetLink()).run();
              }}
              onClose={() => setDialog(undefined)}
            />
          ) : (
            <InsertImage onInsert={(image) => instance.chain().focus().insertLibraryImage(image).run()} onClose={() => setDialog(undefined)} />
          );
        }}
      </Show>
    </div>
  );
}
