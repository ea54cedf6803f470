/**
 * The peers whose headers the proxy believes: the load balancer, the TLS terminator,
 * the authentication gateway. Addresses and CIDR ranges, IPv4 and IPv6, checked with
 * node:net's BlockList.
 * Usage: `const trusted = createTrustedPeers(["127.0.0.1", "10.0.0.0/8"]); trusted.has(ip)`.
 */

import { BlockList, isIP } from "node:net";
import { DnmaError } from "../errors.js";

export interface TrustedPeers {
  has(address: string | undefined): boolean;
  /** The entries as configured, for the start-up log. */
  readonly entries: readonly string[];
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** Builds the list; throws OPTION_INVALID on an entry that is not an address or a CIDR. */
export function createTrustedPeers(entries: readonly string[]): TrustedPeers {
  const list = new BlockList();
  for (const entry of entries) addEntry(list, entry);

  return {
    entries: [...entries],
    has(address) {
      if (address === undefined || entries.length === 0) return false;
      const plain = unmapIpv4(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
export function unmapIpv4(address: string): string {
  return MAPPED_IPV4.exec(address)?.[1] ?? address;
}

function addEntry(list: BlockList, entry: string): void {
  const [address = "", prefix, ...extra] = entry.trim().split("/");
  const family = isIP(address);
  const bits = prefix === undefined ? undefined : Number(prefix);
  const maxBits = family === 4 ? 32 : 128;
  const isBadPrefix = bits !== undefined && (!/^\d+$/.test(prefix ?? "") || bits > maxBits);
  if (family === 0 || extra.length > 0 || isBadPrefix) {
    throw new DnmaError(
      "OPTION_INVALID",
      `trusted proxy "${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.0/8, fd00::/8)`,
    );
  }

  const type = family === 4 ? "ipv4" : "ipv6";
  if (bits === undefined) list.addAddress(address, type);
  else list.addSubnet(address, bits, type);
}
