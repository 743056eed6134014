// The wire format of the HTTP adapter, shared by the server and the client so they cannot drift.
//   POST /api/call/<method>   JSON arguments → JSON { ok, result | error }
//     binary argument (`data`): octet-stream body, the other arguments URI-encoded JSON in ARGS_HEADER
//     binary result: octet-stream body, the volume header URI-encoded JSON in VOLUME_HEADER
//   GET  /api/events          server-sent events, `event: <name>` + `data: <json payload>`
// Every /api request carries the per-run token as `Authorization: Bearer <token>` or `?token=`.
import type { ErrorKind } from '../errors.js';

export const CALL_PREFIX = '/api/call/';
export const EVENTS_PATH = '/api/events';
export const ARGS_HEADER = 'x-cbct-args';
export const VOLUME_HEADER = 'x-cbct-volume-header';
export const MAX_JSON_BODY = 16 * 1024 * 1024;
export const MAX_BINARY_BODY = 2 * 1024 * 1024 * 1024 - 1;

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  io: 500,
  unsupported: 501,
  internal: 500,
};
