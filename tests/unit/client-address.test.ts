import { describe, expect, it } from "vitest";
import { clientKey, clientOf } from "../../functions/core/metrics/signing";

describe("clientOf: what counts as one client for the beacon limits", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["::FFFF:cb00:7109", "203.0.113.9"],
    ["2001:db8:1:2::17", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::1]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["64:ff9b::198.51.100.4", "64:ff9b:0:0::/64"],
    ["2001:db8::", "2001:db8:0:0::/64"],
    [undefined, "unknown"],
    ["", "unknown"],
    ["not an address", "not an address"],
  ])("%s → %s", (address, expected) => {
    expect(clientOf(address)).toBe(expected);
  });

  it("keeps no address in what is stored, and tells clients apart", () => {
    const key = Buffer.alloc(32, 1);
    expect(clientKey(key, "203.0.113.9")).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(clientKey(key, "203.0.113.9")).toBe(clientKey(key, "::ffff:203.0.113.9"));
    expect(clientKey(key, "203.0.113.9")).not.toBe(clientKey(key, "203.0.113.10"));
    expect(clientKey(key, "2001:db8:1:2::1")).toBe(clientKey(key, "2001:db8:1:2:aaaa::1"));
    expect(clientKey(key, "2001:db8:1:2::1")).not.toBe(clientKey(key, "2001:db8:1:3::1"));
    expect(clientKey(Buffer.alloc(32, 2), "203.0.113.9")).not.toBe(clientKey(key, "203.0.113.9"));
  });
});
