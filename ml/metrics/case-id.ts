// Case ids from file names, for evaluating folders of ground truths and predictions.
//
// Reference: official `compute_metrics.py` (`create_file_map`): only names ending in `.nii.gz` count; the name is
// split at '_' and the second-to-last part is the case id ('STS_case_01_gt.nii.gz' → '01'); names with fewer
// than two parts are skipped. Files in the GT folder define the cases; a case without a prediction scores 0.

/** The official case id of a file name (base name, not a path), or null when the file is not considered. */
export function caseIdFromFileName(name: string): string | null {
  if (!name.endsWith('.nii.gz')) return null;
  const parts = name.split('_');
  return parts.length >= 2 ? (parts[parts.length - 2] as string) : null;
}
