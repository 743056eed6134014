// Keyboard shortcuts and mouse bindings, from the same table the key handler uses.
import { SHORTCUTS } from './shortcuts.js';

const MOUSE = [
  ['Left button', 'the active tool (crosshairs, brush, eraser, scissors, flood fill…)'],
  ['Right button drag', 'window / level'],
  ['Shift + right drag', 'zoom'],
  ['Middle button drag', 'pan'],
  ['Wheel', 'next / previous slice'],
];

export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <div
      className="overlay"
      role="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="help-overlay"
      onClick={onClose}
    >
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h2>Shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
            {MOUSE.map(([k, d]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{d}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
