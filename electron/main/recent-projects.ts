// The recent-projects list, kept as JSON in the user's application data folder.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const MAX_RECENT = 10;

export function loadRecent(userDataDir: string): string[] {
  try {
    const list = JSON.parse(readFileSync(join(userDataDir, 'recent-projects.json'), 'utf8')) as unknown;
    return Array.isArray(list)
      ? list.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT)
      : [];
  } catch {
    return [];
  }
}

export function rememberRecent(userDataDir: string, projectDir: string): string[] {
  const list = [projectDir, ...loadRecent(userDataDir).filter((p) => p !== projectDir)].slice(0, MAX_RECENT);
  const file = join(userDataDir, 'recent-projects.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(list, null, 2));
  renameSync(`${file}.tmp`, file);
  return list;
}
