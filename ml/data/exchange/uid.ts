// Fresh DICOM UIDs for exported objects: "2.25." + a random 128-bit number (ITU-T X.667, PS3.5 §B.2).

import { randomBytes } from 'node:crypto';

export function randomUid(): string {
  return `2.25.${BigInt(`0x${randomBytes(16).toString('hex')}`).toString()}`;
}

/** Throws a RangeError unless `uid` is a syntactically valid UID (digits and dots, ≤ 64 characters). */
export function checkUid(uid: string, what: string): void {
  if (typeof uid !== 'string' || uid.length > 64 || !/^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/.test(uid)) {
    throw new RangeError(`${what} ${JSON.stringify(uid)} is not a valid DICOM UID`);
  }
}
