/**
 * Text from editors and the public loses what only serves to deceive or break things (issue 9):
 * bidirectional overrides and isolates (the "Báo cáo‮txt.exe" file-name trick), zero-width
 * characters, control characters and unpaired surrogates; and is stored in NFC.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cleanText, plainText, sanitizeRichText } from "../../functions/core/shared/html";
import { optionalText, parse, text } from "../../functions/core/shared/validation";

const HOSTILE = [
  ["Báo cáo\u202Etxt.exe", "Báo cáotxt.exe"],
  ["\u202AA\u202BB\u202CC\u202DD\u2066E\u2067F\u2068G\u2069H\u200EI\u200FJ\u061CK", "ABCDEFGHIJK"],
  ["Hội\u200B nghị\u200C\u200D\u2060\uFEFF", "Hội nghị"],
  ["Lỗi\uD800 nửa cặp\uDFFF", "Lỗi nửa cặp"],
  ["Hoa\u0300 Bi\u0300nh", "Hoà Bình"],
  ["a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Fg", "abcdefg"],
] as const;

describe("text fields", () => {
  const title = text("Tiêu đề", 300);
  const summary = optionalText("Sapo", 1000);

  it("drop bidirectional controls, zero-width and control characters, lone surrogates; store NFC", () => {
    for (const [input, expected] of HOSTILE) {
      expect(parse(title, input), JSON.stringify(input)).toBe(expected);
      expect(parse(summary, input), JSON.stringify(input)).toBe(expected);
    }
  });

  it("keep Vietnamese, emoji, line breaks and tabs", () => {
    const vietnamese = "Đảng bộ tỉnh Hậu Giang: ưu tiên đầu tư “chuyển đổi số” — năm 2026 😀\nDòng hai\tcột";
    expect(parse(summary, vietnamese)).toBe(vietnamese);
    expect(parse(summary, "a\r\nb\rc")).toBe("a\nb\nc");
  });

  it("count a title made only of invisible characters as empty", () => {
    expect(() => parse(z.object({ title }), { title: "\u200B\u202E\uFEFF" })).toThrow(/chưa hợp lệ/);
  });

  it("cleanText is the one rule, and plainText applies it to stored text", () => {
    for (const [input, expected] of HOSTILE) expect(cleanText(input)).toBe(expected);
    expect(plainText("<b>Báo cáo</b>\u202Etxt.exe &#x202E;&#8203;x")).toBe("Báo cáotxt.exe x");
    expect(plainText("Hoa\u0300\uD800")).toBe("Hoà");
  });
});

describe("rich text", () => {
  it("loses bidirectional overrides and zero-width characters in text and attributes, and is NFC", () => {
    const html = sanitizeRichText('<p>Báo cáo\u202Etxt.exe &#x202E;x\u200B y</p><p><a href="https://a.example/" title="t\u2066i\u2069">Hoa\u0300</a></p>');
    expect(html).toBe('<p>Báo cáotxt.exe x y</p><p><a href="https://a.example/" title="ti" rel="noopener noreferrer">Hoà</a></p>');
  });

  it("keeps Vietnamese text as it was", () => {
    const html = "<p>Đảng bộ tỉnh Hậu Giang: ưu tiên đầu tư “chuyển đổi số”.</p>";
    expect(sanitizeRichText(html)).toBe(html);
  });
});
