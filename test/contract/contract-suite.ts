// One contract test suite, run against every transport (in-process core, HTTP, later IPC), so that the
// transports cannot drift. Each transport provides a factory for a fresh project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreApi } from '../../electron/contract/api.js';
import { CoreError } from '../../electron/contract/errors.js';
import type { EventEnvelope, EventSource } from '../../electron/contract/events.js';
import { voxelBytes } from '../../ml/data/io/volume.js';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';

export interface Transport {
  api: CoreApi;
  events: EventSource;
  /** Resolves when events emitted from now on will be delivered. */
  eventsReady(): Promise<void>;
  /** Calls a method by name with raw arguments (to test validation and unknown methods). */
  callRaw(method: string, args: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export type TransportFactory = (projectDir: string) => Promise<Transport>;

async function rejectsWith(p: Promise<unknown>, kind: string, pattern?: RegExp): Promise<CoreError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CoreError, `expected CoreError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    if (pattern) assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`expected a ${kind} error`);
}

export function contractSuite(name: string, open: TransportFactory): void {
  test(`${name}: project info, import, list, volume download`, async (t) => {
    const dir = tempDir(t);
    const scans = await writePhantomFiles(tempDir(t), [11, 12]);
    const tr = await open(join(dir, 'project'));
    t.after(() => tr.close());

    const info = await tr.api.projects.info();
    assert.equal(info.caseCount, 0);
    assert.equal(info.schemaVersion, 5);
    assert.equal(info.labelSchema.labels.length, 13);
    assert.equal(info.labelSchema.labels[2]?.name, 'Pulp');

    const seen: EventEnvelope[] = [];
    tr.events.subscribeAll((e) => seen.push(e));
    await tr.eventsReady();
    const result = await tr.api.cases.import({ paths: scans.map((s) => s.path), split: 'train' });
    assert.equal(result.imported.length, 2);
    assert.deepEqual(result.failed, []);
    const listed = await tr.api.cases.list({});
    assert.deepEqual(
      listed.map((c) => c.name),
      ['phantom-11', 'phantom-12'],
    );
    const first = listed[0]!;
    assert.deepEqual(first.geometry.dims, scans[0]!.image.dims);
    assert.deepEqual(first.geometry.spacing, scans[0]!.image.spacing);
    assert.equal(first.status, 'new');
    assert.equal(first.split, 'train');
    assert.equal(first.dataType, scans[0]!.image.dataType);

    const vol = await tr.api.cases.volume({ caseId: first.id });
    assert.deepEqual(vol.header.dims, scans[0]!.image.dims);
    assert.deepEqual(Buffer.from(vol.data), Buffer.from(voxelBytes(scans[0]!.image.voxels)));

    const again = await tr.api.cases.import({ paths: [scans[0]!.path] });
    assert.equal(again.imported.length, 0);
    assert.equal(again.skipped[0]?.existingCaseId, first.id);

    const job = await tr.api.jobs.get({ jobId: result.jobId });
    assert.equal(job.state, 'done');
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      seen.some((e) => e.name === 'job.progress'),
      'job.progress events',
    );
    assert.equal(seen.filter((e) => e.name === 'case.imported').length, 2);
  });

  test(`${name}: a bad file fails with a clear error and leaves nothing behind`, async (t) => {
    const dir = tempDir(t);
    const src = tempDir(t);
    const bad = join(src, 'notes.nii.gz');
    writeFileSync(bad, 'this is not an image');
    const tr = await open(join(dir, 'project'));
    t.after(() => tr.close());
    const result = await tr.api.cases.import({ paths: [bad, join(src, 'missing.nrrd')] });
    assert.equal(result.imported.length, 0);
    assert.equal(result.failed.length, 2);
    assert.match(result.failed[0]!.message, /notes\.nii\.gz/);
    assert.equal(result.failed[1]!.kind, 'not-found');
    assert.equal((await tr.api.cases.list({})).length, 0);
    assert.deepEqual(readdirSync(join(dir, 'project', 'volumes')), []);
  });

  test(`${name}: label versions are immutable, parented and validated`, async (t) => {
    const dir = tempDir(t);
    const [scan] = await writePhantomFiles(tempDir(t), [21]);
    const tr = await open(join(dir, 'project'));
    t.after(() => tr.close());
    const { imported } = await tr.api.cases.import({ paths: [scan!.path] });
    const caseId = imported[0]!.id;
    const labelBytes = voxelBytes(scan!.label.voxels);

    const saved: number[] = [];
    tr.events.subscribe('label.saved', (p) => saved.push(p.version.id));
    await tr.eventsReady();
    const v1 = await tr.api.labels.save({ caseId, parentId: null, source: 'model', data: labelBytes });
    assert.equal(v1.parentId, null);
    assert.equal((await tr.api.cases.get({ caseId })).status, 'proposed');

    const edited = new Uint8Array(labelBytes);
    edited[0] = 1;
    const v2 = await tr.api.labels.save({
      caseId,
      parentId: v1.id,
      author: 'dr-a',
      reviewedSlices: [3, 1, 3],
      effort: { seconds: 42.5, voxelsChanged: 1 },
      data: edited,
    });
    assert.equal(v2.parentId, v1.id);
    assert.equal(v2.source, 'manual');
    assert.deepEqual(v2.reviewedSlices, [1, 3]);
    assert.deepEqual(v2.effort, { seconds: 42.5, voxelsChanged: 1 });
    assert.equal(v1.effort, null);
    assert.notEqual(v2.sha256, v1.sha256);
    const detail = await tr.api.cases.get({ caseId });
    assert.equal(detail.status, 'corrected');
    assert.equal(detail.lastEditor, 'dr-a');
    assert.deepEqual(detail.effort, { seconds: 42.5, voxelsChanged: 1 });
    assert.deepEqual(
      detail.labelVersions.map((v) => v.id),
      [v1.id, v2.id],
    );

    const back1 = await tr.api.labels.read({ versionId: v1.id });
    assert.deepEqual(Buffer.from(back1.data), Buffer.from(labelBytes));
    assert.deepEqual(back1.header.dims, scan!.label.dims);
    const back2 = await tr.api.labels.read({ versionId: v2.id });
    assert.deepEqual(Buffer.from(back2.data), Buffer.from(edited));

    const stale = new Uint8Array(edited);
    stale[1] = 2;
    await rejectsWith(
      tr.api.labels.save({ caseId, parentId: v1.id, data: stale }),
      'conflict',
      /not the latest/,
    );
    await rejectsWith(
      tr.api.labels.save({ caseId, parentId: v2.id, data: edited.subarray(1) }),
      'invalid-input',
      /voxels/,
    );
    const unknown = new Uint8Array(edited);
    unknown[5] = 200;
    await rejectsWith(
      tr.api.labels.save({ caseId, parentId: v2.id, data: unknown }),
      'invalid-input',
      /label value 200/,
    );
    await rejectsWith(tr.api.labels.save({ caseId: 999, parentId: null, data: edited }), 'not-found');
    assert.equal((await tr.api.labels.list({ caseId })).length, 2);
    assert.equal(readdirSync(join(dir, 'project', 'labels')).length, 2);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(saved, [v1.id, v2.id]);
  });

  test(`${name}: status life cycle, settings, audit, validation`, async (t) => {
    const dir = tempDir(t);
    const [scan] = await writePhantomFiles(tempDir(t), [31]);
    const tr = await open(join(dir, 'project'));
    t.after(() => tr.close());
    const caseId = (await tr.api.cases.import({ paths: [scan!.path] })).imported[0]!.id;

    await rejectsWith(
      tr.api.cases.update({ caseId, status: 'approved' }),
      'conflict',
      /cannot go from "new" to "approved"/,
    );
    assert.equal((await tr.api.cases.update({ caseId, status: 'in-review' })).status, 'in-review');
    assert.equal((await tr.api.cases.update({ caseId, status: 'corrected' })).status, 'corrected');
    const approved = await tr.api.cases.update({ caseId, status: 'approved', comment: 'fine', split: 'val' });
    assert.deepEqual([approved.status, approved.comment, approved.split], ['approved', 'fine', 'val']);
    assert.equal(
      (await tr.api.cases.update({ caseId, status: 'flagged', comment: 'pulp leak' })).status,
      'flagged',
    );

    const audit = await tr.api.projects.audit({ caseId });
    assert.deepEqual(audit.map((a) => a.action).reverse(), [
      'case.import',
      'case.update',
      'case.update',
      'case.update',
      'case.update',
    ]);

    const s = await tr.api.settings.set({
      values: { author: 'dr-b', windowPresets: [{ name: 'teeth', window: 3000, level: 1500 }] },
    });
    assert.equal(s.author, 'dr-b');
    assert.equal((await tr.api.settings.get()).windowPresets[0]?.name, 'teeth');
    await rejectsWith(
      tr.callRaw('settings.set', { values: { backend: 'quantum' } }),
      'invalid-input',
      /backend/,
    );
    await rejectsWith(tr.callRaw('cases.get', { caseId: -1 }), 'invalid-input', /caseId/);
    await rejectsWith(tr.callRaw('cases.get', { caseId: 1, extra: true }), 'invalid-input');
    await rejectsWith(tr.callRaw('cases.explode', {}), 'not-found', /unknown method/);
    await rejectsWith(tr.api.cases.get({ caseId: 4242 }), 'not-found', /4242/);
    await rejectsWith(tr.api.cases.propose({ caseId: 4242 }), 'not-found', /4242/);
    assert.deepEqual(await tr.api.models.list(), []);
    await rejectsWith(tr.api.models.rollback(), 'conflict', /no model is active/);
    await rejectsWith(tr.api.models.activate({ modelId: 'm7' }), 'not-found', /m7/);
    await rejectsWith(tr.callRaw('models.activate', { modelId: '../m1' }), 'invalid-input');
    await rejectsWith(tr.callRaw('cases.propose', { caseId, method: 'magic' }), 'invalid-input', /method/);
  });

  test(`${name}: training, proposals and the queue refuse what cannot be done, readably`, async (t) => {
    const dir = tempDir(t);
    const [scan] = await writePhantomFiles(tempDir(t), [14]);
    const tr = await open(join(dir, 'project'));
    t.after(() => tr.close());
    const caseId = (await tr.api.cases.import({ paths: [scan!.path], split: 'train' })).imported[0]!.id;
    await rejectsWith(
      tr.api.training.start({ target: 'supervised', preset: 'test', architecture: 'tiny' }),
      'conflict',
      /nothing to learn from yet/,
    );
    await rejectsWith(tr.callRaw('training.start', { target: 'everything' }), 'invalid-input', /target/);
    await rejectsWith(tr.api.cases.propose({ caseId, method: 'model' }), 'conflict', /no model is active/);
    assert.equal(await tr.api.cases.uncertainty({ caseId }), null);
    await rejectsWith(tr.api.cases.uncertaintyVolume({ caseId }), 'not-found', /no uncertainty map yet/);
    assert.deepEqual(await tr.api.cases.rank({}), [
      {
        caseId,
        name: scan!.path.split('/').pop()!.replace('.nii.gz', ''),
        split: 'train',
        score: null,
        modelId: null,
        rank: 1,
      },
    ]);
    await rejectsWith(tr.api.jobs.pause({ jobId: 999 }), 'not-found');
    await rejectsWith(tr.api.training.history({ jobId: 999 }), 'not-found');
    const backend = await tr.api.training.backend();
    assert.ok(['tensorflow', 'wasm', 'cpu'].includes(backend.name));
    assert.equal(typeof backend.gpu, 'boolean');
    // a bootstrap job is not a training job: it cannot pause
    const boot = await tr.api.cases.propose({ caseId, method: 'bootstrap' });
    await rejectsWith(tr.api.jobs.pause({ jobId: boot.id }), 'unsupported', /cannot pause/);
    await rejectsWith(tr.api.jobs.resume({ jobId: boot.id }), 'conflict', /not paused/);
  });
}
