// Crash recovery for files: content is written to temp files and renamed into place before the row that
// points at it commits. After a crash, temp files and files no row references are garbage (the project
// lock guarantees no other process is writing); remove them.
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS_DIR, UNCERTAINTY_DIR, VOLUMES_DIR } from './layout.js';

export function sweepOrphanFiles(projectDir: string, referenced: Set<string>): string[] {
  const removed: string[] = [];
  for (const dir of [VOLUMES_DIR, LABELS_DIR, UNCERTAINTY_DIR]) {
    let names: string[];
    try {
      names = readdirSync(join(projectDir, dir));
    } catch {
      continue;
    }
    for (const name of names) {
      const rel = `${dir}/${name}`;
      if (!referenced.has(rel)) {
        unlinkSync(join(projectDir, dir, name));
        removed.push(rel);
      }
    }
  }
  return removed;
}
