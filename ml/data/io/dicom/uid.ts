// Deterministic UIDs under the 2.25 root (ITU-T X.667: "2.25." followed by a 128-bit number in decimal),
// drawn from a seeded generator so that a seed reproduces the same files.

import type { Rng } from '../../../util/rng.js';

export function uidFromRng(rng: Rng): string {
  let n = 0n;
  for (let w = 0; w < 4; w++) n = (n << 32n) | BigInt(Math.floor(rng.next() * 2 ** 32));
  // BigInt decimal has no leading zeros, as UID components require; 0 itself is a valid component.
  return `2.25.${n.toString()}`;
}

/** A UID derived from `parent` by appending a component, if it stays within the 64-character limit. */
export function childUid(parent: string, component: number, rng: Rng): string {
  const uid = `${parent}.${component}`;
  return uid.length <= 64 ? uid : uidFromRng(rng);
}
