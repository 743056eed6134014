// Window/level: presets from this scan's histogram, the user's saved presets, and saving the current one.
import { useState } from 'react';
import { useApp } from '../../app/app-context.js';
import { presetFromVoi, voiRangeOf } from '../../viewer/window-presets.js';
import type { CaseController } from './case-controller.js';

export function WindowPanel({ c }: { c: CaseController }) {
  const { settings, updateSettings } = useApp();
  const [name, setName] = useState('');
  const voi = c.viewer?.voi();
  const user = settings.windowPresets;
  const apply = (p: { window: number; level: number }) => {
    c.viewer?.setVoi(voiRangeOf(p));
    c.emit();
  };
  return (
    <section className="panel window-panel" data-testid="window-panel">
      <h3>Window</h3>
      <div className="muted small">
        {voi ? `W ${Math.round(voi.upper - voi.lower)} · L ${Math.round((voi.upper + voi.lower) / 2)}` : '…'}{' '}
        (from this scan's histogram; CBCT grey values are not HU)
      </div>
      <div className="preset-list">
        {c.loaded.presets.map((p) => (
          <button key={p.name} type="button" onClick={() => apply(p)} data-testid="window-preset">
            {p.name}
          </button>
        ))}
        {user.map((p) => (
          <span key={`u-${p.name}`} className="user-preset">
            <button type="button" onClick={() => apply(p)} title={`W ${p.window} L ${p.level}`}>
              {p.name}
            </button>
            <button
              type="button"
              className="link"
              aria-label={`Delete preset ${p.name}`}
              onClick={() => void updateSettings({ windowPresets: user.filter((x) => x.name !== p.name) })}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      <div className="row">
        <input
          placeholder="save current as…"
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value)}
        />
        <button
          type="button"
          disabled={!name.trim() || !voi || user.length >= 32}
          onClick={() => {
            if (!voi) return;
            const p = presetFromVoi(name.trim(), voi);
            void updateSettings({ windowPresets: [...user.filter((x) => x.name !== p.name), p] });
            setName('');
          }}
        >
          Save preset
        </button>
      </div>
    </section>
  );
}
