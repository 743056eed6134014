// `cbct evaluate --dir <gt-folder> <pred-folder>`: scores every case of a test set and aggregates the case
// results as the STSR 2025 script does (`MetricsAccumulator`, the same aggregation as `evaluateCases`: image
// metrics and IA averaged over cases, instance metrics pooled over all (case, label) pairs).
//
// Files pair by case name: the file name without its image extension, so `ct_017.nii.gz` in the ground-truth
// folder pairs with `ct_017.nii.gz` (or `ct_017.nrrd`, …) in the prediction folder. Unlike `evaluateCases`,
// which scores an unreadable or missing prediction 0, a missing prediction, an unreadable file or a pair that
// cannot be scored is an error naming the case: a folder evaluation that silently scores 0 hides mistakes.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreError, type ErrorKind } from '../contract/errors.js';
import { VolumeFormatError } from '../../ml/data/io/errors.js';
import { readVolumeFile } from '../../ml/data/io/read-volume.js';
import {
  evaluateCase,
  MetricsAccumulator,
  type AggregateResult,
  type CaseResult,
  type LabelMap,
} from '../../ml/metrics/index.js';

/** Image file extensions that name a case (longest first, so `.nii.gz` wins over a bare `.gz`). */
export const CASE_FILE_EXTENSIONS = ['.nii.gz', '.nii', '.mha', '.mhd', '.nrrd', '.nhdr'] as const;

/** The case name of a file name (extension removed, matched case-insensitively), or null for other files. */
export function caseNameOf(fileName: string): string | null {
  if (fileName.startsWith('.')) return null; // hidden files, macOS `._x.nii.gz` resource forks
  const lower = fileName.toLowerCase();
  const ext = CASE_FILE_EXTENSIONS.find((e) => lower.endsWith(e));
  if (!ext || fileName.length === ext.length) return null;
  return fileName.slice(0, fileName.length - ext.length);
}

/** Case name → file path of the image files directly inside `dir` (data files such as `.raw` are ignored). */
export async function listCaseFiles(dir: string, what: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CoreError('not-found', `${what} folder ${dir}: no such folder`);
    if (code === 'ENOTDIR') throw new CoreError('invalid-input', `${what} folder ${dir}: not a folder`);
    throw new CoreError('io', `${what} folder ${dir}: ${(err as Error).message}`);
  }
  const cases = new Map<string, string>();
  for (const name of names.sort()) {
    const caseName = caseNameOf(name);
    if (caseName === null) continue;
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    const other = cases.get(caseName);
    if (other !== undefined) {
      throw new CoreError(
        'invalid-input',
        `${what} folder ${dir}: two files for case "${caseName}": ${other} and ${path}`,
      );
    }
    cases.set(caseName, path);
  }
  if (cases.size === 0) {
    throw new CoreError(
      'invalid-input',
      `${what} folder ${dir} holds no image files (${CASE_FILE_EXTENSIONS.join(', ')})`,
    );
  }
  return cases;
}

export interface CaseFilePair {
  case: string;
  gt: string;
  pred: string;
}

/**
 * Pairs the ground-truth and prediction files by case name, sorted by case. A ground-truth case without a
 * prediction is an error naming it; a prediction without a ground truth is reported through `warn` and skipped.
 */
export async function pairCaseFiles(
  gtDir: string,
  predDir: string,
  warn: (message: string) => void = () => {},
): Promise<CaseFilePair[]> {
  const gt = await listCaseFiles(gtDir, 'ground-truth');
  const pred = await listCaseFiles(predDir, 'prediction');
  const missing = [...gt.keys()].filter((name) => !pred.has(name));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((name) => `"${name}"`);
    const more = missing.length > shown.length ? `, and ${missing.length - shown.length} more` : '';
    throw new CoreError(
      'invalid-input',
      `no prediction in ${predDir} for ${missing.length === 1 ? 'ground-truth case' : `${missing.length} ground-truth cases`} ${shown.join(', ')}${more}`,
      { missing },
    );
  }
  for (const [name, path] of pred) {
    if (!gt.has(name)) warn(`prediction "${name}" (${path}) has no ground truth in ${gtDir}; skipped`);
  }
  return [...gt.keys()]
    .sort(byCodeUnit)
    .map((name) => ({ case: name, gt: gt.get(name)!, pred: pred.get(name)! }));
}

/** `evaluateCase` with whatever it throws (malformed or mismatched geometry) turned into an error naming the case. */
export function scoreCase(name: string, gt: LabelMap, pred: LabelMap, tolerance?: number): CaseResult {
  try {
    return evaluateCase(gt, pred, { id: name, ...(tolerance === undefined ? {} : { tolerance }) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CoreError('invalid-input', `case "${name}": cannot score the prediction: ${message}`);
  }
}

export type DirCaseResult = { case: string } & CaseResult;

export interface DirEvaluation {
  /** One entry per ground-truth case, sorted by case name. */
  cases: DirCaseResult[];
  /** The official aggregation over `cases` (its `perCase` left out: `cases` holds them). */
  aggregate: Omit<AggregateResult, 'perCase'>;
}

export interface EvaluateDirOptions {
  /** NSD tolerance in mm (default: the official 2 mm). */
  tolerance?: number;
  warn?: (message: string) => void;
}

/** Scores every case of `gtDir` against its prediction in `predDir` (one pair in memory at a time). */
export async function evaluateDir(
  gtDir: string,
  predDir: string,
  options: EvaluateDirOptions = {},
): Promise<DirEvaluation> {
  const pairs = await pairCaseFiles(gtDir, predDir, options.warn);
  const acc = new MetricsAccumulator();
  const cases: DirCaseResult[] = [];
  for (const pair of pairs) {
    const [gt, pred] = await Promise.all([
      readCaseFile(pair.case, pair.gt),
      readCaseFile(pair.case, pair.pred),
    ]);
    const result = scoreCase(pair.case, gt, pred, options.tolerance);
    acc.add(result);
    cases.push({ case: pair.case, ...result });
  }
  const { perCase: _perCase, ...aggregate } = acc.result();
  return { cases, aggregate };
}

async function readCaseFile(name: string, path: string): Promise<LabelMap> {
  try {
    return await readVolumeFile(path);
  } catch (err) {
    let kind: ErrorKind = 'io';
    if (err instanceof CoreError) kind = err.kind;
    else if (err instanceof VolumeFormatError)
      kind = err.reason === 'unsupported' ? 'unsupported' : err.reason === 'io' ? 'io' : 'invalid-input';
    else if (err instanceof RangeError) kind = 'invalid-input';
    const message = err instanceof Error ? err.message : String(err);
    throw new CoreError(kind, `case "${name}": ${message.includes(path) ? message : `${path}: ${message}`}`);
  }
}

/** A table of the per-case image scores (Dice, IoU, NSD, IA) and one line with the eight official numbers. */
export function formatDirEvaluation(r: DirEvaluation): string {
  const header = ['case', 'Dice', 'IoU', 'NSD', 'IA'];
  const rows = r.cases.map((c) => [
    c.case,
    fixed(c.image?.dice ?? null),
    fixed(c.image?.iou ?? null),
    fixed(c.image?.nsd ?? null),
    fixed(c.ia),
  ]);
  const width = Math.max(header[0]!.length, ...rows.map((row) => row[0]!.length));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(width) : cell.padStart(6))).join('  ');
  const s = r.aggregate.scores;
  const scores = (Object.keys(s) as (keyof typeof s)[]).map((key) => `${key} ${fixed(s[key])}`).join('  ');
  const a = r.aggregate;
  return [
    line(header),
    ...rows.map(line),
    `aggregate (${a.cases} cases, ${a.instancePairs} case-label pairs): ${scores}`,
    '',
  ].join('\n');
}

function fixed(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(4);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
