import { describe, expect, it } from "vitest";
import { clientInfo, normaliseAddress, parseTrustProxy, type TrustProxy } from "~/http/client-address";

function trust(value: string): TrustProxy {
  const parsed = parseTrustProxy(value);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe("TRUST_PROXY", () => {
  it("is off unless set", () => {
    for (const value of [undefined, "", "0", "false", "off", "no"]) expect(parseTrustProxy(value)).toEqual({ ok: true, value: { kind: "off" } });
  });

  it("takes a hop count or addresses and subnets", () => {
    expect(trust("2")).toEqual({ kind: "hops", hops: 2 });
    const list = trust("10.0.0.5, 192.168.0.0/16, ::1");
    expect(list.kind).toBe("addresses");
  });

  it("refuses what it cannot use, naming it", () => {
    for (const bad of ["yes please", "10.0.0.300", "10.0.0.0/33", "fe80::/129", "11", "10.0.0.1/x"]) {
      const parsed = parseTrustProxy(bad);
      expect(parsed.ok, bad).toBe(false);
    }
    const parsed = parseTrustProxy("10.0.0.1, proxy.local");
    expect(parsed).toMatchObject({ ok: false, message: expect.stringContaining('"proxy.local"') });
  });
});

describe("the client behind proxies", () => {
  const headers = { "x-forwarded-for": "198.51.100.7, 10.0.0.2", "x-forwarded-proto": "https", "x-forwarded-host": "shop.example" };

  it("ignores forwarded headers when no proxy is trusted: anyone can send them", () => {
    expect(clientInfo(trust("off"), "203.0.113.9", headers)).toEqual({ address: "203.0.113.9", protocol: null, host: null });
  });

  it("counts hops from the nearest proxy", () => {
    // The shop sees nginx (10.0.0.2's peer) → one hop is nginx at the socket.
    expect(clientInfo(trust("1"), "10.0.0.3", headers).address).toBe("10.0.0.2");
    expect(clientInfo(trust("2"), "10.0.0.3", headers)).toEqual({ address: "198.51.100.7", protocol: "https", host: "shop.example" });
    // More hops than the chain: the farthest address anyone recorded.
    expect(clientInfo(trust("5"), "10.0.0.3", headers).address).toBe("198.51.100.7");
  });

  it("a client's own X-Forwarded-For entry cannot move it past the proxy's record", () => {
    // nginx appends the real peer: whatever the client wrote stays to its left.
    const spoofed = { "x-forwarded-for": "1.2.3.4, 198.51.100.7" };
    expect(clientInfo(trust("1"), "127.0.0.1", spoofed).address).toBe("198.51.100.7");
  });

  it("walks past trusted proxy addresses to the first untrusted one", () => {
    const list = trust("10.0.0.0/8");
    expect(clientInfo(list, "10.0.0.3", headers).address).toBe("198.51.100.7");
    // A request straight from the internet is not from a trusted proxy: its headers are ignored.
    expect(clientInfo(list, "203.0.113.9", headers)).toEqual({ address: "203.0.113.9", protocol: null, host: null });
  });

  it("reads IPv4 on an IPv6 socket as IPv4 and ignores protocols it does not know", () => {
    expect(normaliseAddress("::ffff:10.0.0.3")).toBe("10.0.0.3");
    expect(clientInfo(trust("10.0.0.3"), "::ffff:10.0.0.3", { "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "gopher" })).toEqual({
      address: "198.51.100.7",
      protocol: null,
      host: null,
    });
  });
});
