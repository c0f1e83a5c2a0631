/**
 * Test helpers for uploads: sample files built from their formats' magic numbers (no downloads),
 * the presigned PUT a browser would send, and the S3 event s3rver sends for it.
 */
import { crc32 } from "node:zlib";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import type { S3EventRecord } from "../../functions/core/media/process";
import { s3Of, type Store } from "../../functions/core/storage/store";

/** A ZIP with stored (uncompressed) entries, central directory included. */
export function zip(entries: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Pads `head` with filler bytes up to `size` (the filler can be placed before a trailing part). */
function padded(head: Buffer | string, size: number, tail: Buffer = Buffer.alloc(0)): Uint8Array {
  const start = Buffer.isBuffer(head) ? head : Buffer.from(head, "latin1");
  const filler = Buffer.alloc(Math.max(0, size - start.length - tail.length), 0x20);
  return new Uint8Array(Buffer.concat([start, filler, tail]));
}

export const Samples = {
  pdf: (size = 2048) => padded("%PDF-1.7\n% Báo cáo tổng kết năm của tỉnh Hòa Phong\n", size, Buffer.from("\n%%EOF\n")),
  docx: () => zip({ "[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>", "word/document.xml": "<w:document>Hòa Phong</w:document>" }),
  xlsx: () => zip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }),
  zip: () => zip({ "bao-cao.txt": "Báo cáo", "phu-luc.txt": "Phụ lục" }),
  /** A compound file with a Word stream name in its directory (UTF-16LE), as a .doc has. */
  doc: () => padded(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from("WordDocument", "utf16le")]), 4096),
  exe: (size = 4096) => padded(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(58), Buffer.from("This program cannot be run in DOS mode.")]), size),
  unknown: (size = 1024) => padded("Đây chỉ là văn bản thường, không thuộc định dạng nào được nhận.", size),
  mp4: (size = 4096) => padded(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\x02\0isomiso2", "latin1")]), size),
  mov: (size = 4096) => padded(Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from("ftypqt  \0\0\0\0qt  ", "latin1")]), size),
  webm: (size = 4096) => padded(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from("webm", "latin1")]), size),
  heic: (size = 4096) => padded(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1")]), size),
};

/** What the browser does with a ticket from POST /api/uploads. */
export async function putToTicket(ticket: { upload: { url: string; method: string; headers: Record<string, string> } }, bytes: Uint8Array): Promise<Response> {
  return fetch(ticket.upload.url, { method: ticket.upload.method, headers: ticket.upload.headers, body: new Uint8Array(bytes) });
}

/** The ObjectCreated record s3rver (and S3) sends for an object of `store`'s bucket. */
export function createdEvent(store: Store, key: string, size = 0): S3EventRecord {
  return { eventName: "ObjectCreated:Put", s3: { bucket: { name: store.bucket }, object: { key, size } } };
}

/** Whether an object exists, with its headers. */
export async function head(store: Store, key: string) {
  try {
    return await s3Of(store).send(new HeadObjectCommand({ Bucket: store.bucket, Key: key }));
  } catch {
    return undefined;
  }
}
