// Keyboard shortcuts of the case view, dispatched to the controller.
import { useEffect } from 'react';
import { useApp } from '../../app/app-context.js';
import type { CaseController } from './case-controller.js';
import type { CaseVersions } from './case-versions.js';
import { commandForKey, isTypingTarget } from './shortcuts.js';

const FILL_CYCLE = { fill: 'outline', outline: 'both', both: 'fill' } as const;

export function useCaseShortcuts(
  c: CaseController,
  versions: CaseVersions,
  ui: { toggleHelp(): void; closeOverlays(): void },
): void {
  const { reportError } = useApp();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const cmd = commandForKey(e);
      if (!cmd) return;
      e.preventDefault();
      switch (cmd.kind) {
        case 'tool':
          return c.setTool(cmd.mode);
        case 'brush-size':
          return c.scaleBrush(cmd.factor);
        case 'undo':
          return c.undo();
        case 'redo':
          return c.redo();
        case 'save':
          versions.save(null).catch((err: unknown) => reportError(err, 'Saving the labels'));
          return;
        case 'toggle-reviewed':
          return c.toggleReviewed();
        case 'interpolate':
          return c.interpolate();
        case 'toggle-diff': {
          const older = versions.latest?.id;
          if (versions.diff) void versions.hideDiff();
          else if (older)
            versions.showDiff(older, 'working').catch((err: unknown) => reportError(err, 'Difference view'));
          return;
        }
        case 'cycle-fill':
          return c.setFill(FILL_CYCLE[c.fillMode]);
        case 'help':
          return ui.toggleHelp();
        case 'segment':
          return c.setActiveSegment(cmd.value);
        case 'slice':
          return c.stepSlice(cmd.delta);
        case 'escape':
          return ui.closeOverlays();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c, versions, ui, reportError]);
}
