// Import scans by their paths on this workstation (files or DICOM folders), with job progress.
import { useEffect, useRef, useState } from 'react';
import type { Split } from '../../../../electron/contract/types.js';
import { SPLITS } from '../../../../electron/contract/types.js';
import { useApp } from '../../app/app-context.js';

export function ImportPanel() {
  const { conn, settings, reportError } = useApp();
  const [paths, setPaths] = useState('');
  const [split, setSplit] = useState<Split>('unlabeled');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  // progress events travel separately from the call's answer and may arrive after it: only while running
  const running = useRef(false);

  useEffect(
    () =>
      conn.events.subscribe('job.progress', (p) => {
        if (running.current && p.job.kind === 'import') setProgress(`${p.done}/${p.total} ${p.message}`);
      }),
    [conn],
  );

  const run = async () => {
    const list = paths
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (list.length === 0) return;
    setBusy(true);
    running.current = true;
    setProgress('starting…');
    try {
      const r = await conn.api.cases.import({ paths: list, split, author: settings.author });
      running.current = false;
      const failed = r.failed.map((f) => `${f.path}: ${f.message}`).join('; ');
      setProgress(
        `imported ${r.imported.length}, skipped ${r.skipped.length}, failed ${r.failed.length}${failed ? ` (${failed})` : ''}`,
      );
      if (r.imported.length > 0) setPaths('');
    } catch (err) {
      reportError(err, 'Importing scans');
      setProgress(null);
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h3>Import scans</h3>
      <textarea
        rows={3}
        placeholder="one path per line: NIfTI, MetaImage, NRRD files or DICOM folders on this workstation"
        value={paths}
        onChange={(e) => setPaths(e.target.value)}
      />
      <div className="row">
        <select value={split} onChange={(e) => setSplit(e.target.value as Split)}>
          {SPLITS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button type="button" disabled={busy || !paths.trim()} onClick={() => void run()}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {progress ? <div className="muted small">{progress}</div> : null}
    </section>
  );
}
