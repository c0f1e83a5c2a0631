/**
 * Images in the body: only from the portal's media library (inserted with InsertImage.tsx), as the
 * server's sanitizer keeps them (core/shared/html.ts: a relative /media/… src, alt, width, height,
 * loading). A block of its own, so an image is never lost in the middle of a sentence.
 */
import { mergeAttributes, Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    libraryImage: {
      insertLibraryImage: (attributes: { src: string; alt: string; width?: number; height?: number }) => ReturnType;
    };
  }
}

export const LibraryImage = Node.create({
  name: "image",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: "" },
      width: { default: null },
      height: { default: null },
    };
  },
  parseHTML() {
    return [{ tag: 'img[src^="/media/"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["img", mergeAttributes(HTMLAttributes, { loading: "lazy" })];
  },
  addCommands() {
    return {
      insertLibraryImage:
        (attributes) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: attributes }),
    };
  },
});
