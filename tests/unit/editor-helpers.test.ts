// @vitest-environment happy-dom
/**
 * The article editor's pure helpers (issue 12): Word paste cleaning, the link dialog's rule
 * (http(s) and mailto only), and the text and word diff the compare view shows.
 */
import { describe, expect, it } from "vitest";
import { checkLink } from "../../dashboard/editor/links";
import { diffTexts, textOfHtml } from "../../dashboard/editor/diff";
import { cleanPastedHtml } from "../../dashboard/editor/paste";

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {mso-style-parent:""; font-family:"Times New Roman"} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=VI style='tab-interval:36.0pt'>
<!--StartFragment-->
<h2 style='mso-margin-top-alt:auto'><span lang=VI style='font-size:14.0pt;mso-bidi-font-family:Arial'>Kết quả nổi bật</span></h2>
<p class=MsoNormal style='mso-line-height-alt:12pt'><span style='mso-fareast-language:VI'>Năm 2026, tỉnh Hòa Phong <b><span style='font-family:Arial'>tăng trưởng 8,2%</span></b>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'></span><a href="https://hoaphong.example.vn/bao-cao" style='color:blue'>Báo cáo đầy đủ</a></p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse;mso-yfti-tbllook:1184'><tr><td width=200 valign=top style='width:150pt'><p class=MsoNormal>Huyện</p></td></tr></table>
<!--EndFragment-->
</body></html>`;

describe("pasting from Word", () => {
  it("drops comments, styles, Word's elements and classes, empty spans and paragraphs; keeps structure, links and text", () => {
    const clean = cleanPastedHtml(WORD);
    expect(clean).not.toMatch(/mso|Mso|<!--|<o:p|<span|style=|class=|lang=|<xml|<meta|Normal<\/w:View>/);
    expect(clean).toContain("<h2>Kết quả nổi bật</h2>");
    expect(clean).toContain("<p>Năm 2026, tỉnh Hòa Phong <b>tăng trưởng 8,2%</b>.</p>");
    expect(clean).toContain('<a href="https://hoaphong.example.vn/bao-cao">Báo cáo đầy đủ</a>');
    expect(clean).toMatch(/<table><tbody><tr><td><p>Huyện<\/p><\/td><\/tr><\/tbody><\/table>/);
    expect(clean.match(/<p>/g)).toHaveLength(3); // the &nbsp; paragraph is gone
  });

  it("reads Google Docs' whole-paste <b style=font-weight:normal> as not bold", () => {
    expect(cleanPastedHtml('<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Đậm</span> thường</p></b>')).toBe("<p>Đậm thường</p>");
  });
});

describe("links", () => {
  it("accepts web and e-mail addresses only, adding https:// to a bare domain", () => {
    expect(checkLink("https://hoaphong.example.vn/a?b=1")).toEqual({ href: "https://hoaphong.example.vn/a?b=1" });
    expect(checkLink(" hoaphong.example.vn/tin ")).toEqual({ href: "https://hoaphong.example.vn/tin" });
    expect(checkLink("mailto:banbientap@hoaphong.example.vn")).toEqual({ href: "mailto:banbientap@hoaphong.example.vn" });
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "tel:0200", "ftp://x.vn", "//evil.example", "https://", ""]) expect(checkLink(bad), bad).toHaveProperty("error");
  });
});

describe("the compare view's diff", () => {
  it("reads rich text as lines of text, cells separated, images by their alt", () => {
    expect(textOfHtml('<h2>Tiêu đề</h2><p>Một <b>hai</b></p><ul><li>Ba</li></ul><table><tr><th>A</th><td>B</td></tr></table><img src="/media/x.jpg" alt="Hội trường">')).toBe(
      "Tiêu đề\nMột hai\nBa\n| A | B\n[Ảnh: Hội trường]",
    );
  });

  it("marks words only on one side, and rebuilds both texts", () => {
    const parts = diffTexts("Ngày hội diễn ra tại 12 khu dân cư.", "Ngày hội diễn ra tại 14 khu dân cư.");
    expect(parts.filter((part) => part.op !== "same")).toEqual([
      { op: "removed", text: "12" },
      { op: "added", text: "14" },
    ]);
    expect(parts.filter((part) => part.op !== "added").map((part) => part.text).join("")).toBe("Ngày hội diễn ra tại 12 khu dân cư.");
    expect(diffTexts("", "")).toEqual([]);
  });
});
