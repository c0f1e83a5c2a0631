/**
 * The real type of an upload, from its bytes: never from the name or the declared header
 * (docs/architecture.md, "Media"). Reads magic numbers in the first bytes; ZIP containers are
 * told apart (DOCX, XLSX, plain ZIP) by the names in their central directory, which sits at the
 * end of the file, so the caller passes the last bytes too when it has them.
 */
import { ALLOWED_TYPES, DOCX, XLSX, tooLargeMessage, type MediaKind } from "./types";

/** Bytes read from the start (and, for ZIP, the end) of an upload. */
export const SNIFF_BYTES = 64 * 1024;

export type Sniffed =
  | { type: string; kind: MediaKind }
  /** An executable or script: refused whatever it is called. */
  | { executable: string }
  /** A known format we do not take (HEIC is an image we cannot process, MOV a video to convert…). */
  | { unsupported: string; kind?: MediaKind }
  | { unknown: true };

const ascii = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString("latin1");
const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((byte, index) => bytes[at + index] === byte);

function known(type: string): Sniffed {
  return { type, kind: ALLOWED_TYPES[type]!.kind };
}

/** Entry names of a ZIP's central directory when it lies inside `tail` (the file's last bytes). */
function zipEntries(tail: Uint8Array, fileSize: number): string[] | undefined {
  const view = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = view.length - 22; at >= 0 && at >= view.length - 22 - 65535; at--) {
    if (view.readUInt32LE(at) !== 0x06054b50) continue;
    const size = view.readUInt32LE(at + 12);
    const offset = view.readUInt32LE(at + 16);
    const start = offset - (fileSize - view.length);
    if (start < 0 || start + size > view.length) return undefined;
    const names: string[] = [];
    for (let p = start; p + 46 <= start + size && view.readUInt32LE(p) === 0x02014b50; ) {
      const nameLength = view.readUInt16LE(p + 28);
      names.push(view.toString("utf8", p + 46, p + 46 + nameLength));
      p += 46 + nameLength + view.readUInt16LE(p + 30) + view.readUInt16LE(p + 32);
    }
    return names;
  }
  return undefined;
}

/** Entry names of the local headers found in the first bytes (a fallback for a directory out of reach). */
function localEntries(head: Uint8Array): string[] {
  const view = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const names: string[] = [];
  for (let p = 0; p + 30 <= view.length && view.readUInt32LE(p) === 0x04034b50; ) {
    const nameLength = view.readUInt16LE(p + 26);
    names.push(view.toString("utf8", p + 30, Math.min(view.length, p + 30 + nameLength)));
    const flags = view.readUInt16LE(p + 6);
    const compressed = view.readUInt32LE(p + 18);
    if (flags & 0x08 && compressed === 0) break; // sizes come after the data: cannot skip it
    p += 30 + nameLength + view.readUInt16LE(p + 28) + compressed;
  }
  return names;
}

function zipType(names: string[]): string | undefined {
  if (!names.includes("[Content_Types].xml")) return names.length ? "application/zip" : undefined;
  if (names.some((name) => name.startsWith("word/"))) return DOCX;
  if (names.some((name) => name.startsWith("xl/"))) return XLSX;
  return "application/zip";
}

/** Word or Excel 97–2003: the stream names of the compound file, UTF-16LE, wherever we can see them. */
function oleType(bytes: Uint8Array[]): string | undefined {
  const text = bytes.map((part) => Buffer.from(part).toString("utf16le")).join("");
  if (text.includes("WordDocument")) return "application/msword";
  if (text.includes("Workbook") || text.includes("Book")) return "application/vnd.ms-excel";
  return undefined;
}

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);
const MP4_BRANDS = /^(isom|iso[2-9]|mp4[12v]|avc1|dash|M4V |f4v |mmp4|MSNV|XAVC)$/;

/**
 * The type of the bytes. `head` is the first bytes of the file (at least a few KB for OLE and
 * WebM), `tail` its last bytes and `size` its length when known (ZIP directories).
 * @example sniff(Buffer.from("%PDF-1.7 …")) // { type: "application/pdf", kind: "file" }
 */
export function sniff(head: Uint8Array, tail?: Uint8Array, size?: number): Sniffed {
  if (head.length < 4) return { unknown: true };
  if (ascii(head, 0, 5) === "%PDF-") return known("application/pdf");
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const names = (tail && size !== undefined && zipEntries(tail, size)) || localEntries(head);
    return known(zipType(names) ?? "application/zip");
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const type = oleType(tail ? [head, tail] : [head]);
    return type ? known(type) : { unsupported: "OLE", kind: "file" };
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return known("image/jpeg");
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return known("image/png");
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return known("image/gif");
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return known("image/webp");
  if (ascii(head, 4, 8) === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (HEIF_BRANDS.has(brand)) return { unsupported: "HEIC", kind: "image" };
    if (brand === "avif" || brand === "avis") return { unsupported: "AVIF", kind: "image" };
    if (brand === "qt  ") return { unsupported: "MOV", kind: "video" };
    if (MP4_BRANDS.test(brand)) return known("video/mp4");
    return { unsupported: `ftyp ${brand.trim()}`, kind: "video" };
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return ascii(head, 0, Math.min(head.length, 64)).includes("webm") ? known("video/webm") : { unsupported: "MKV", kind: "video" };
  }
  if (startsWith(head, [0x4d, 0x5a])) return { executable: "Windows (MZ)" };
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return { executable: "ELF" };
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((magic) => startsWith(head, magic)))
    return { executable: "Mach-O" };
  if (ascii(head, 0, 2) === "#!") return { executable: "script" };
  return { unknown: true };
}

/** What processing does with an upload: keep it as `type`, or fail it with a Vietnamese message. */
export type Verdict = { type: string; kind: MediaKind } | { error: string };

const WHAT_TO_DO: Record<MediaKind, string> = {
  file: "Tệp không phải PDF, Word, Excel hoặc ZIP. Hãy lưu lại tệp ở một trong các định dạng đó rồi tải lên lại.",
  image: "Tệp không phải ảnh JPEG, PNG, WebP hoặc GIF. Hãy lưu ảnh ở một trong các định dạng đó rồi tải lên lại.",
  video: "Tệp không phải video MP4 hoặc WebM. Hãy xuất video sang MP4 (H.264) rồi tải lên lại.",
};

const UNSUPPORTED: Record<string, string> = {
  HEIC: "Ảnh HEIC (định dạng ảnh của iPhone) chưa được hỗ trợ. Hãy chuyển ảnh sang JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất) rồi tải lên lại.",
  AVIF: "Ảnh AVIF chưa được hỗ trợ. Hãy lưu ảnh sang JPEG hoặc PNG rồi tải lên lại.",
  MOV: "Video MOV (QuickTime) chưa được hỗ trợ. Hãy xuất video sang MP4 (H.264) rồi tải lên lại.",
};

/**
 * Judges the sniffed bytes against what the uploader declared: executables and unknown formats
 * fail, so does another kind than declared (a "photo" that is a PDF) and, for documents, another
 * format than declared (a ".pdf" that is a ZIP: the name would lie to readers). Images and videos
 * may differ in format within their kind (a PNG saved as .jpg is common and harmless: the real
 * type is what is stored). The size is checked against the real type's limit.
 */
export function verdict(declared: string, sniffed: Sniffed, size: number): Verdict {
  const expected = ALLOWED_TYPES[declared]!;
  if ("executable" in sniffed)
    return { error: "Tệp là một chương trình chạy được, không phải tài liệu, ảnh hay video, nên không được nhận. Hãy chọn đúng tệp cần đăng rồi tải lên lại." };
  if ("unknown" in sniffed) return { error: WHAT_TO_DO[expected.kind] };
  let type: string;
  if ("unsupported" in sniffed) {
    // Word and Excel 97–2003 share one container; when its streams were out of reach, the declared one stands.
    if (sniffed.unsupported === "OLE" && (declared === "application/msword" || declared === "application/vnd.ms-excel")) type = declared;
    else return { error: (sniffed.kind === expected.kind && UNSUPPORTED[sniffed.unsupported]) || WHAT_TO_DO[expected.kind] };
  } else type = sniffed.type;
  const real = ALLOWED_TYPES[type]!;
  if (real.kind !== expected.kind || (real.kind === "file" && type !== declared))
    return { error: `Nội dung tệp là ${real.label} nhưng tệp được khai báo là ${expected.label}. Hãy kiểm tra lại đúng tệp và phần mở rộng của nó rồi tải lên lại.` };
  if (size > real.maxBytes) return { error: tooLargeMessage(real) };
  return { type, kind: real.kind };
}
