// Small helpers over node:util parseArgs for the CLI commands.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { CoreError } from '../contract/errors.js';

export interface ParsedArgs {
  positionals: string[];
  /** A string option's value, if given. */
  str(name: string): string | undefined;
  /** Whether a boolean flag was given. */
  flag(name: string): boolean;
}

export function parse(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  minPositionals: number,
  usageLine: string,
): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CoreError('invalid-input', `${(err as Error).message}\nusage: ${usageLine}`);
  }
  if (parsed.positionals.length < minPositionals) throw new CoreError('invalid-input', `usage: ${usageLine}`);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  return {
    positionals: parsed.positionals,
    str: (name) => (typeof values[name] === 'string' ? (values[name] as string) : undefined),
    flag: (name) => values[name] === true,
  };
}

/** Parses "a,b,c" or "a" (repeated to three) into a triple of positive numbers. */
export function triple(
  text: string | undefined,
  what: string,
  integer: boolean,
): [number, number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(/[,x×]/).map(Number);
  const values = parts.length === 1 ? [parts[0]!, parts[0]!, parts[0]!] : parts;
  if (
    values.length !== 3 ||
    values.some((v) => !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v)))
  ) {
    throw new CoreError(
      'invalid-input',
      `--${what} must be one or three positive ${integer ? 'integers' : 'numbers'}, got "${text}"`,
    );
  }
  return values as [number, number, number];
}

export function integer(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n))
    throw new CoreError('invalid-input', `--${what} must be an integer, got "${text}"`);
  return n;
}
