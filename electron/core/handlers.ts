// The core's implementation of every contract method, as one flat map from method name to function.
import type { Args, MethodName, Results } from '../contract/methods.js';
import { CoreError } from '../contract/errors.js';
import { APP_VERSION } from './version.js';
import type { CoreContext } from './context.js';
import { countCases, listCases, toSummary, updateCaseFields } from './store/cases.js';
import { findLabelVersion, listLabelVersions, toLabelVersion } from './store/labels.js';
import { findJob, listJobs } from './store/jobs.js';
import { audit, listAudit } from './store/audit.js';
import { getMeta, getSettings, setSettings } from './store/settings.js';
import { schemaVersion } from './db/open.js';
import { nowIso } from './store/time.js';
import { importScans } from './import-scans.js';
import { activateModel, rollbackModel } from './models.js';
import { listModels, toModelVersion } from './store/models.js';
import { exportLabel, exportProjectNnUNet, importPrediction } from './exports.js';
import { readStoredVolume, saveLabelVersion } from './label-versions.js';
import { allowedNext, canTransition } from './status.js';
import { caseUncertainty, caseUncertaintyVolume, rankNextCases } from './active-learning.js';
import { proposingModel } from './jobs/segment-kind.js';
import { backendInfo, startTraining, trainingHistory } from './training.js';
import { contentPath, VOLUMES_DIR } from './project/layout.js';
import { requireCase } from './require-case.js';

export type Handlers = {
  [M in MethodName]: (ctx: CoreContext, args: Args<M>) => Promise<Results[M]> | Results[M];
};

export const handlers: Handlers = {
  'projects.info': (ctx) => ({
    name: getMeta(ctx.db, 'name') ?? 'project',
    directory: ctx.dir,
    schemaVersion: schemaVersion(ctx.db),
    appVersion: APP_VERSION,
    createdAt: getMeta(ctx.db, 'created_at') ?? '',
    caseCount: countCases(ctx.db),
    labelSchema: ctx.schema,
  }),
  'projects.audit': (ctx, a) => listAudit(ctx.db, a.caseId, a.limit),
  'projects.exportNnUNet': (ctx, a) => exportProjectNnUNet(ctx, a),

  'cases.list': (ctx, a) => listCases(ctx.db, a).map(toSummary),
  'cases.get': (ctx, a) => {
    const c = requireCase(ctx, a.caseId);
    return { ...c, labelVersions: listLabelVersions(ctx.db, a.caseId).map(toLabelVersion) };
  },
  'cases.import': (ctx, a) => importScans(ctx, a),
  'cases.update': (ctx, a) => {
    const c = requireCase(ctx, a.caseId);
    if (a.status !== undefined && !canTransition(c.status, a.status)) {
      throw new CoreError(
        'conflict',
        `case ${c.id} cannot go from "${c.status}" to "${a.status}" (allowed: ${allowedNext(c.status).join(', ')})`,
      );
    }
    const actor = a.author ?? getSettings(ctx.db).author;
    ctx.db.transaction(() => {
      updateCaseFields(ctx.db, c.id, { split: a.split, status: a.status, comment: a.comment }, nowIso());
      audit(ctx.db, actor, 'case.update', c.id, {
        from: { split: c.split, status: c.status, comment: c.comment },
        to: { split: a.split, status: a.status, comment: a.comment },
      });
    })();
    const summary = toSummary(requireCase(ctx, c.id));
    ctx.events.emit('case.updated', { case: summary });
    return summary;
  },
  'cases.volume': (ctx, a) =>
    readStoredVolume(ctx, contentPath(VOLUMES_DIR, requireCase(ctx, a.caseId).volumeSha256)),

  'cases.propose': (ctx, a) => {
    requireCase(ctx, a.caseId);
    const author = a.author ?? getSettings(ctx.db).author;
    if (a.method === 'bootstrap') return ctx.jobs.enqueue('bootstrap', { caseId: a.caseId, author });
    const modelId = proposingModel(ctx, a.modelId).id;
    return ctx.jobs.enqueue('segment', { caseId: a.caseId, modelId, author });
  },

  'cases.uncertainty': (ctx, a) => caseUncertainty(ctx, a.caseId),
  'cases.uncertaintyVolume': (ctx, a) => caseUncertaintyVolume(ctx, a.caseId, a.kind),
  'cases.rank': (ctx, a) => rankNextCases(ctx, a),

  'labels.list': (ctx, a) => {
    requireCase(ctx, a.caseId);
    return listLabelVersions(ctx.db, a.caseId).map(toLabelVersion);
  },
  'labels.read': (ctx, a) => {
    const v = findLabelVersion(ctx.db, a.versionId);
    if (!v) throw new CoreError('not-found', `label version ${a.versionId} does not exist`);
    return readStoredVolume(ctx, v.relPath);
  },
  'labels.save': (ctx, a) => saveLabelVersion(ctx, a),
  'labels.export': (ctx, a) => exportLabel(ctx, a),
  'labels.importPrediction': (ctx, a) => importPrediction(ctx, a),

  'models.list': (ctx) => listModels(ctx.db).map(toModelVersion),
  'models.activate': (ctx, a) => activateModel(ctx, a.modelId),
  'models.rollback': (ctx) => rollbackModel(ctx),

  'jobs.list': (ctx, a) => listJobs(ctx.db, a.state),
  'jobs.get': (ctx, a) => {
    const job = findJob(ctx.db, a.jobId);
    if (!job) throw new CoreError('not-found', `job ${a.jobId} does not exist`);
    return job;
  },
  'jobs.cancel': (ctx, a) => {
    const job = findJob(ctx.db, a.jobId);
    if (!job) throw new CoreError('not-found', `job ${a.jobId} does not exist`);
    if (job.lane !== 'core') return ctx.jobs.cancel(job.id);
    if (job.state === 'running' || job.state === 'queued') ctx.cancelRequested.add(job.id);
    return job;
  },

  'jobs.pause': (ctx, a) => ctx.jobs.pause(a.jobId),
  'jobs.resume': (ctx, a) => ctx.jobs.resume(a.jobId),
  'training.start': (ctx, a) => startTraining(ctx, a),
  'training.history': (ctx, a) => trainingHistory(ctx, a.jobId),
  'training.backend': (ctx) => backendInfo(ctx),

  'settings.get': (ctx) => getSettings(ctx.db),
  'settings.set': (ctx, a) => setSettings(ctx.db, a.values),
};
