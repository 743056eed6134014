// Opens the viewer of a case controller's scan and labels; null when the opening was cancelled (the case
// was left, or the controller disposed, while the views were being prepared).
import type { LabelDefinition } from '../../../../electron/contract/types.js';
import type { EditSession } from '../../editing/edit-session.js';
import type { OpenProgress, ViewerCallbacks } from '../../viewer/case-viewer.js';
import { CaseViewer } from '../../viewer/case-viewer.js';
import { CancelledError } from '../../viewer/time-slicer.js';
import type { ViewElements } from '../../viewer/viewports.js';
import type { LoadedCase } from './load-case.js';

interface CaseParts {
  loaded: LoadedCase;
  session: EditSession;
  schema: readonly LabelDefinition[];
}

export async function openViewer(
  elements: ViewElements,
  c: CaseParts,
  callbacks: ViewerCallbacks,
  progress: OpenProgress,
): Promise<CaseViewer | null> {
  try {
    const { geometry } = c.loaded.detail;
    return await CaseViewer.open(
      elements,
      geometry,
      c.loaded.scalars,
      c.session.labels,
      c.schema,
      callbacks,
      progress,
    );
  } catch (err) {
    if (err instanceof CancelledError) return null;
    throw err;
  }
}
