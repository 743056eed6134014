// How model versions read in the model list (pure).
import type { ModelVersion } from '../../../../electron/contract/types.js';

/** STSR 2025 metric names (as the registry stores them) first, in the challenge's order, then the rest. */
const NAMES: Record<string, string> = {
  All_Average: 'average',
  score: 'score',
  Dice_Image: 'Dice',
  dice: 'Dice',
  IoU_Image: 'IoU',
  iou: 'IoU',
  NSD_Image: 'NSD',
  nsd: 'NSD',
  Dice_Instance: 'Dice inst.',
  IoU_Instance: 'IoU inst.',
  NSD_Instance: 'NSD inst.',
  IA: 'IA',
  ia: 'IA',
  emaPseudoDice: 'EMA pseudo Dice',
};
const KNOWN = Object.keys(NAMES);

/** The metrics in a fixed order (the STSR ones first), each as "name value". */
export function metricList(metrics: Record<string, number>): { key: string; text: string }[] {
  const keys = Object.keys(metrics).sort((a, b) => {
    const ia = KNOWN.indexOf(a);
    const ib = KNOWN.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return keys
    .filter((k) => Number.isFinite(metrics[k]))
    .map((k) => ({ key: k, text: `${NAMES[k] ?? k} ${metrics[k]!.toFixed(3)}` }));
}

/** "3 labelled · 5 unlabelled · 1 validation". */
export function trainedOnText(m: ModelVersion): string {
  const t = m.trainedOn;
  return `${t.labelVersionIds.length} labelled · ${t.unlabeledCaseIds.length} unlabelled · ${t.validationCaseIds.length} validation`;
}

/** Newest first. */
export function sortModels(models: readonly ModelVersion[]): ModelVersion[] {
  const n = (id: string) => Number(id.replace(/^m/, '')) || 0;
  return [...models].sort((a, b) => n(b.id) - n(a.id));
}

/** The model a roll back would activate: the active model's parent, if any. */
export function rollbackTarget(models: readonly ModelVersion[]): string | null {
  return models.find((m) => m.active)?.parentId ?? null;
}
