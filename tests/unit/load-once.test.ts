import { describe, expect, it } from "vitest";
import { loadOnce } from "../../functions/core/shared/load-once";

describe("loadOnce", () => {
  it("loads once and gives every caller the same promise", async () => {
    let loads = 0;
    const get = loadOnce(async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(loads).toBe(1);
  });

  it("tries again after a failed load instead of failing forever", async () => {
    let loads = 0;
    const get = loadOnce(async () => {
      loads++;
      if (loads === 1) throw new Error("import failed");
      return "loaded";
    });
    await expect(get()).rejects.toThrow("import failed");
    expect(await get()).toBe("loaded");
    expect(await get()).toBe("loaded");
    expect(loads).toBe(2);
  });
});
