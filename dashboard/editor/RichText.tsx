/**
 * The article body editor: Tiptap 3 (ProseMirror) through solid-tiptap, in its own lazily loaded
 * chunk (≈120 KB gzip: only an open article loads it). Headings 2–4 (the title is the page's h1),
 * bold, italic, lists, quotes, links; ProseMirror's schema already drops what Word pastes beyond
 * that, and the server's sanitizer (core/shared/html.ts) stays the authority on what is stored.
 * ProseMirror reads composition input (Telex/VNI through UniKey, EVKey, the OS input methods) from
 * the DOM after composition ends, which is what keeps syllables from doubling.
 */
import StarterKit from "@tiptap/starter-kit";
import type { Editor } from "@tiptap/core";
import { createEditorTransaction, createTiptapEditor } from "solid-tiptap";
import { createEffect, For, untrack, type JSX } from "solid-js";

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
}

function askLink(editor: Editor) {
  const current = (editor.getAttributes("link").href as string | undefined) ?? "https://";
  const href = window.prompt("Địa chỉ liên kết (https://…). Để trống để bỏ liên kết.", current);
  if (href === null) return;
  if (!href.trim() || href.trim() === "https://") editor.chain().focus().extendMarkRange("link").unsetLink().run();
  else editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
}

const TOOLS: Tool[] = [
  { label: "Đề mục lớn", text: "H2", run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive("heading", { level: 2 }) },
  { label: "Đề mục nhỏ", text: "H3", run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive("heading", { level: 3 }) },
  { label: "Chữ đậm", text: <b>B</b>, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold") },
  { label: "Chữ nghiêng", text: <i>I</i>, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic") },
  { label: "Danh sách dấu chấm", text: "• Danh sách", run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { label: "Danh sách đánh số", text: "1. Danh sách", run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  { label: "Trích dẫn", text: "❝", run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive("blockquote") },
  { label: "Liên kết", text: "Liên kết", run: askLink, active: (e) => e.isActive("link") },
  { label: "Hoàn tác", text: "↶", run: (e) => e.chain().focus().undo().run() },
  { label: "Làm lại", text: "↷", run: (e) => e.chain().focus().redo().run() },
];

export default function RichText(props: RichTextProps) {
  let element!: HTMLDivElement;
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
          link: { openOnClick: false, autolink: true, defaultProtocol: "https", protocols: ["http", "https", "mailto"] },
        }),
      ],
      editorProps: {
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
        <For each={TOOLS}>
          {(tool) => {
            const active = createEditorTransaction(editor, (instance) => (instance && tool.active ? tool.active(instance) : undefined));
            return (
              <button
                type="button"
                class="tool"
                title={tool.label}
                aria-label={tool.label}
                aria-pressed={tool.active ? (active() ? "true" : "false") : undefined}
                onClick={() => {
                  const instance = editor();
                  if (instance) tool.run(instance);
                }}
              >
                {tool.text}
              </button>
            );
          }}
        </For>
      </div>
      <div ref={element} class="rich-text__frame" />
    </div>
  );
}
