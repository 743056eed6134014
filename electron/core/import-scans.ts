// Imports scans into the project, one transaction per scan: the volume file is written atomically under
// its content hash first, then the rows that point at it commit. A failure or crash at any point leaves
// either no trace (the file is removed, or swept at the next open) or a complete case.
import { resolve } from 'node:path';
import { unlink } from 'node:fs/promises';
import type { Args } from '../contract/methods.js';
import type { ImportResult } from '../contract/types.js';
import { toErrorData } from '../contract/errors.js';
import { valueRange } from '../../ml/data/io/volume.js';
import { writeVolumeFileAtomic } from '../../ml/data/io/write-volume.js';
import type { CoreContext } from './context.js';
import { findCaseByVolume, findCase, insertCase, toSummary, volumePaths } from './store/cases.js';
import { createJob, finishJob, setJobProgress } from './store/jobs.js';
import { audit } from './store/audit.js';
import { nowIso } from './store/time.js';
import { getSettings } from './store/settings.js';
import { VOLUMES_DIR, projectPath } from './project/layout.js';
import { readSourceScan } from './volumes/read-source.js';
import { geometryOf } from './volumes/payload.js';

export async function importScans(ctx: CoreContext, args: Args<'cases.import'>): Promise<ImportResult> {
  const { db, events } = ctx;
  const actor = args.author ?? getSettings(db).author;
  const paths = args.paths.map((p) => resolve(p));
  let job = createJob(db, 'import', { paths, split: args.split });
  const result: ImportResult = { jobId: job.id, imported: [], skipped: [], failed: [] };

  for (const [index, path] of paths.entries()) {
    if (ctx.cancelRequested.has(job.id)) break;
    job = setJobProgress(db, job.id, index / paths.length, `reading ${path}`);
    events.emit('job.progress', { job, done: index, total: paths.length, message: `reading ${path}` });
    try {
      const scan = await readSourceScan(path);
      const written = await writeVolumeFileAtomic(scan.volume, projectPath(ctx.dir, VOLUMES_DIR));
      const existing = findCaseByVolume(db, written.sha256);
      if (existing) {
        result.skipped.push({
          path,
          reason: `already imported as case ${existing.id} (${existing.name})`,
          existingCaseId: existing.id,
        });
        continue;
      }
      const relPath = `${VOLUMES_DIR}/${written.sha256}.nii.gz`;
      const at = nowIso();
      let caseId: number;
      try {
        caseId = db.transaction(() => {
          const id = insertCase(db, {
            name: scan.name,
            volumeSha256: written.sha256,
            volumeRelPath: relPath,
            volumeBytes: written.bytes,
            sourcePath: path,
            sourceFormat: scan.format,
            split: args.split,
            geometry: geometryOf(scan.volume),
            dataType: scan.volume.dataType,
            valueRange: valueRange(scan.volume.voxels),
            at,
          });
          audit(db, actor, 'case.import', id, { source: path, format: scan.format, warnings: scan.warnings });
          return id;
        })();
      } catch (err) {
        if (!volumePaths(db).has(relPath)) await unlink(written.path).catch(() => {});
        throw err;
      }
      const summary = toSummary(findCase(db, caseId)!);
      result.imported.push(summary);
      events.emit('case.imported', { case: summary, jobId: job.id });
    } catch (err) {
      const e = toErrorData(err);
      result.failed.push({ path, kind: e.kind, message: e.message });
    }
  }

  const cancelled = ctx.cancelRequested.delete(job.id);
  const summary = `${result.imported.length} imported, ${result.skipped.length} skipped, ${result.failed.length} failed`;
  job = finishJob(db, job.id, cancelled ? 'cancelled' : 'done', null, summary);
  events.emit('job.progress', { job, done: paths.length, total: paths.length, message: summary });
  events.emit('job.finished', { job });
  return result;
}
