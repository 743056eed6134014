// Errors cross every boundary (in-process, HTTP, IPC) as plain data with a kind from a small closed set,
// and are rethrown as `CoreError` on the other side so callers can branch on `kind`.

export const ERROR_KINDS = [
  'invalid-input',
  'not-found',
  'conflict',
  'io',
  'unsupported',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorData {
  kind: ErrorKind;
  message: string;
  details?: unknown;
}

export class CoreError extends Error {
  readonly kind: ErrorKind;
  readonly details: unknown;

  constructor(kind: ErrorKind, message: string, details?: unknown) {
    super(message);
    this.name = 'CoreError';
    this.kind = kind;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, details: this.details };
  }
}

export function isErrorData(x: unknown): x is ErrorData {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.message === 'string' && (ERROR_KINDS as readonly string[]).includes(o.kind as string);
}

/** Turns anything thrown into error data; unknown errors become `internal` with their message. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof CoreError) return err.toData();
  if (isErrorData(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message };
}

export function fromErrorData(data: ErrorData): CoreError {
  return new CoreError(data.kind, data.message, data.details);
}
