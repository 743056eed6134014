// Where things live inside a project folder, and the one function that turns a stored relative path into
// an absolute one (refusing anything that would leave the project).
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { CoreError } from '../../contract/errors.js';

export const DB_FILE = 'project.sqlite';
export const LOCK_FILE = 'project.lock';
export const VOLUMES_DIR = 'volumes';
export const LABELS_DIR = 'labels';
export const MODELS_DIR = 'models';
export const RUNS_DIR = 'runs';
/** Uncertainty maps of model proposals (content-addressed uint8 NIfTI, like label maps). */
export const UNCERTAINTY_DIR = 'uncertainty';
export const PROJECT_DIRS = [VOLUMES_DIR, LABELS_DIR, MODELS_DIR, RUNS_DIR, UNCERTAINTY_DIR] as const;

/** Resolves `rel` inside `projectDir`; throws `invalid-input` for absolute paths or ones escaping the project. */
export function resolveInside(projectDir: string, rel: string): string {
  const root = resolve(projectDir);
  if (rel.length === 0 || isAbsolute(rel) || rel.includes('\0')) {
    throw new CoreError('invalid-input', `path "${rel}" is outside the project ${root}`);
  }
  const full = resolve(root, normalize(rel));
  const back = relative(root, full);
  if (back === '' || back.startsWith('..') || isAbsolute(back)) {
    throw new CoreError('invalid-input', `path "${rel}" is outside the project ${root}`);
  }
  return full;
}

/** Relative path (with forward slashes) of a content-addressed file. */
export function contentPath(dir: string, sha256: string, ext = '.nii.gz'): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new CoreError('internal', `not a sha256 hex digest: ${sha256}`);
  return [dir, `${sha256}${ext}`].join('/');
}

export function toNative(rel: string): string {
  return rel.split('/').join(sep);
}

export function projectPath(projectDir: string, ...parts: string[]): string {
  return join(resolve(projectDir), ...parts);
}
