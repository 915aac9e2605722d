import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless private targets are allowed: loopback, private
 * (RFC 1918, unique-local), link-local (cloud metadata lives there), carrier-grade NAT, "this
 * network", benchmarking, multicast and reserved space. IPv4-mapped and NAT64 IPv6 addresses are
 * refused as a whole rather than decoded: a webhook to a public host has no need for either form.
 */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** Whether `address` (an IP literal) is a public unicast address; anything unparsable is not. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  // Node's BlockList checks IPv4 addresses against IPv6 rules in their mapped form, so a
  // `::ffff:0:0/96` rule would refuse every IPv4 address: mapped addresses are refused here instead.
  if (family === 6 && /^::ffff:/i.test(bare)) return false;
  return !NON_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a destination is refused, or undefined when every address it resolves to may be reached. */
export function refusedAddress(addresses: readonly string[], allowPrivate: boolean): string | undefined {
  if (allowPrivate) return undefined;
  return addresses.find((a) => !isPublicAddress(a));
}
