import { describe, expect, it } from "vitest";
import { foldVietnamese, isSlug, slugify } from "../../functions/core/shared/text";

describe("slugify", () => {
  it("folds Vietnamese tones and đ", () => {
    expect(slugify("Đảng bộ tỉnh Hậu Giang")).toBe("dang-bo-tinh-hau-giang");
    expect(slugify("Ưu tiên đầu tư: “Chuyển đổi số” năm 2026!")).toBe("uu-tien-dau-tu-chuyen-doi-so-nam-2026");
  });

  it("handles decomposed (NFD) input the same as composed", () => {
    expect(slugify("Hòa Phong".normalize("NFD"))).toBe(slugify("Hòa Phong".normalize("NFC")));
  });

  it("never returns an empty or over-long slug", () => {
    expect(slugify("!!! ???")).toBe("bai-viet");
    const long = slugify("Hội nghị ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith("-")).toBe(false);
    expect(isSlug(long)).toBe(true);
  });
});

describe("foldVietnamese", () => {
  it("lower-cases and strips diacritics", () => {
    expect(foldVietnamese("CẢI CÁCH HÀNH CHÍNH")).toBe("cai cach hanh chinh");
  });
});

describe("isSlug", () => {
  it("rejects what cannot be one of our slugs", () => {
    for (const bad of ["", "Hoa", "a--b", "-a", "a b", "đ", "../etc", "a%20b"]) expect(isSlug(bad)).toBe(false);
    expect(isSlug("van-hoa-2026")).toBe(true);
  });
});
