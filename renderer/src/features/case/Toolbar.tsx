// Tool buttons, brush size, threshold range, undo/redo, islands and interpolation, help.
import { useApp } from '../../app/app-context.js';
import type { ToolMode } from '../../viewer/tool-group.js';
import type { CaseController } from './case-controller.js';
import type { CaseVersions } from './case-versions.js';

const TOOLS: { mode: ToolMode; label: string; key: string }[] = [
  { mode: 'navigate', label: 'Crosshairs', key: 'N' },
  { mode: 'window-level', label: 'Window', key: 'W' },
  { mode: 'brush', label: 'Brush', key: 'B' },
  { mode: 'sphere-brush', label: 'Sphere', key: '⇧B' },
  { mode: 'eraser', label: 'Eraser', key: 'E' },
  { mode: 'threshold-brush', label: 'Threshold', key: 'T' },
  { mode: 'rectangle-scissors', label: 'Rect. scissors', key: 'X' },
  { mode: 'circle-scissors', label: 'Circle scissors', key: 'C' },
  { mode: 'flood-fill', label: 'Flood fill', key: 'F' },
];

export function Toolbar({
  c,
  versions,
  onHelp,
}: {
  c: CaseController;
  versions: CaseVersions;
  onHelp(): void;
}) {
  const { reportError } = useApp();
  const s = c.session;
  return (
    <div className="toolbar" role="toolbar">
      <div className="tool-buttons">
        {TOOLS.map((t) => (
          <button
            key={t.mode}
            type="button"
            className={c.toolMode === t.mode ? 'active' : ''}
            aria-pressed={c.toolMode === t.mode}
            onClick={() => c.setTool(t.mode)}
            title={`${t.label} (${t.key})`}
            data-testid={`tool-${t.mode}`}
          >
            {t.label} <kbd>{t.key}</kbd>
          </button>
        ))}
      </div>
      <label className="brush-size">
        Radius
        <input
          type="number"
          min={0.2}
          max={50}
          step={0.1}
          value={c.brushRadius}
          onChange={(e) => c.setBrushRadius(Number(e.target.value))}
          data-testid="brush-radius"
        />
        mm <kbd>[</kbd>
        <kbd>]</kbd>
      </label>
      {c.toolMode === 'threshold-brush' ? (
        <span className="threshold">
          Range
          <input
            type="number"
            value={c.thresholdRange[0]}
            onChange={(e) => c.setThresholdRange([Number(e.target.value), c.thresholdRange[1]])}
          />
          –
          <input
            type="number"
            value={c.thresholdRange[1]}
            onChange={(e) => c.setThresholdRange([c.thresholdRange[0], Number(e.target.value)])}
          />
          <button
            type="button"
            title="Use the grey values of the current window as the range"
            onClick={() => {
              const voi = c.viewer?.voi();
              if (voi) c.setThresholdRange([Math.round(voi.lower), Math.round(voi.upper)]);
            }}
          >
            from window
          </button>
        </span>
      ) : null}
      <span className="sep" />
      <button
        type="button"
        disabled={!s.undoStack.canUndo}
        onClick={() => c.undo()}
        title={`Undo ${s.undoStack.nextUndoLabel ?? ''} (Ctrl+Z)`}
        data-testid="undo"
      >
        Undo
      </button>
      <button
        type="button"
        disabled={!s.undoStack.canRedo}
        onClick={() => c.redo()}
        title={`Redo ${s.undoStack.nextRedoLabel ?? ''} (Ctrl+Shift+Z)`}
        data-testid="redo"
      >
        Redo
      </button>
      <button
        type="button"
        onClick={() => c.interpolate()}
        title="Fill between slices for the active segment (I)"
        data-testid="interpolate"
      >
        Fill between slices
      </button>
      <button
        type="button"
        onClick={() => c.keepLargestIsland()}
        title="Keep only the largest connected part of the active segment"
      >
        Keep largest
      </button>
      <button
        type="button"
        onClick={() => c.removeSmallIslands(50)}
        title="Remove parts of the active segment smaller than 50 voxels"
      >
        Remove small
      </button>
      <span className="sep" />
      <button
        type="button"
        className="primary"
        disabled={versions.saving || !s.dirty}
        onClick={() => versions.save(null).catch((err: unknown) => reportError(err, 'Saving the labels'))}
        title="Save a new label version (Ctrl+S)"
        data-testid="save"
      >
        {versions.saving ? 'Saving…' : 'Save version'}
      </button>
      <button type="button" onClick={onHelp} title="Keyboard shortcuts (?)" data-testid="help">
        ?
      </button>
    </div>
  );
}
