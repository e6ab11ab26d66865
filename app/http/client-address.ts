// Who is asking: the client's address, protocol and host, read from
// X-Forwarded-* only when the request came through a proxy we were told to
// trust (TRUST_PROXY). Without it those headers are anybody's words and are
// ignored, so nobody can pick the address sign-in limits count against.
import net from "node:net";

export type TrustProxy =
  | { kind: "off" }
  /** Trust this many proxies in front of the shop (nginx alone: 1). */
  | { kind: "hops"; hops: number }
  /** Trust the proxies at these addresses or subnets. */
  | { kind: "addresses"; list: net.BlockList; text: string };

const MAX_HOPS = 10;

export function parseTrustProxy(value: string | undefined): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const text = (value ?? "").trim();
  if (text === "" || /^(0|false|no|off)$/i.test(text)) return { ok: true, value: { kind: "off" } };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { ok: false, message: `TRUST_PROXY must be at most ${MAX_HOPS} hops` };
    return { ok: true, value: { kind: "hops", hops } };
  }
  const list = new net.BlockList();
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [address, bits] = part.split("/");
    const type = net.isIP(address ?? "");
    const prefix = bits === undefined ? null : Number(bits);
    if (type === 0 || (prefix !== null && (!Number.isInteger(prefix) || prefix < 0 || prefix > (type === 4 ? 32 : 128)))) {
      return {
        ok: false,
        message: `TRUST_PROXY must be off, a hop count (e.g. 1) or proxy addresses (e.g. 10.0.0.5,10.1.0.0/16); "${part}" is none of those`,
      };
    }
    const family = type === 4 ? "ipv4" : "ipv6";
    if (prefix === null) list.addAddress(address!, family);
    else list.addSubnet(address!, prefix, family);
  }
  return { ok: true, value: { kind: "addresses", list, text } };
}

/** "::ffff:10.0.0.1" (IPv4 on an IPv6 socket) as "10.0.0.1". */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

function isTrustedHop(trust: TrustProxy, address: string): boolean {
  if (trust.kind !== "addresses") return false;
  const type = net.isIP(address);
  if (type === 0) return false;
  return trust.list.check(address, type === 4 ? "ipv4" : "ipv6");
}

function firstValue(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

export interface ClientInfo {
  /** The address sign-in limits and sessions record. */
  address: string;
  /** The protocol and host the client used, when a trusted proxy said so. */
  protocol: "http" | "https" | null;
  host: string | null;
}

export function clientInfo(
  trust: TrustProxy,
  socketAddress: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): ClientInfo {
  const peer = normaliseAddress(socketAddress ?? "unknown");
  if (trust.kind === "off") return { address: peer, protocol: null, host: null };
  const forwarded = (Array.isArray(headers["x-forwarded-for"]) ? headers["x-forwarded-for"].join(",") : (headers["x-forwarded-for"] ?? ""))
    .split(",")
    .map((a) => normaliseAddress(a))
    .filter(Boolean);
  // Nearest first: the socket's peer, then each proxy's record, right to left.
  const chain = [peer, ...forwarded.reverse()];
  let index = 0;
  if (trust.kind === "hops") {
    index = Math.min(trust.hops, chain.length - 1);
  } else {
    while (index < chain.length - 1 && isTrustedHop(trust, chain[index]!)) index += 1;
  }
  const peerTrusted = trust.kind === "hops" ? trust.hops > 0 : isTrustedHop(trust, peer);
  if (!peerTrusted) return { address: peer, protocol: null, host: null };
  const proto = firstValue(headers["x-forwarded-proto"])?.toLowerCase();
  return {
    // What the nearest untrusted hop is, as our proxies recorded it (bounded: it ends up in logs).
    address: chain[index]!.slice(0, 64),
    protocol: proto === "https" || proto === "http" ? proto : null,
    host: firstValue(headers["x-forwarded-host"]),
  };
}
