// Server and client errors as sentences an annotator can act on.
import { CoreError } from '../../../electron/contract/errors.js';

const ADVICE: Record<string, string> = {
  'invalid-input': 'The request was refused as invalid',
  'not-found': 'Not found',
  conflict: 'Conflict',
  io: 'Could not read or write data',
  unsupported: 'Not supported',
  internal: 'Unexpected server error',
};

export interface ReadableError {
  title: string;
  detail: string;
  kind: string;
}

export function describeError(err: unknown, doing?: string): ReadableError {
  const prefix = doing ? `${doing}: ` : '';
  if (err instanceof CoreError) {
    return { title: `${prefix}${ADVICE[err.kind] ?? err.kind}`, detail: err.message, kind: err.kind };
  }
  if (err instanceof Error)
    return { title: `${prefix}Something went wrong`, detail: err.message, kind: 'client' };
  return { title: `${prefix}Something went wrong`, detail: String(err), kind: 'client' };
}
