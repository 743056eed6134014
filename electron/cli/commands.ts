// The CLI commands. Each parses its own arguments and returns an exit code; errors are thrown as
// CoreError and printed by main.ts.
import { runDemo } from './demo.js';
import { runImport, runInit, runList } from './project-commands.js';
import { runInfo, runPhantom } from './file-commands.js';
import { runServe } from './serve.js';
import { runModelInfo } from './model-commands.js';
import { runEvaluate, runSegment } from './ml-commands.js';
import { runModels, runPropose, runRank, runTrain } from './training-commands.js';
import { runExportLabel, runExportNnUNet, runImportLabel } from './exchange-commands.js';

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  init: { summary: 'init <dir> [--name NAME]                     create a project', run: runInit },
  import: {
    summary: 'import <project> <paths…> [--split S]         import scans (files or DICOM folders)',
    run: runImport,
  },
  list: {
    summary: 'list <project> [--json]                      list cases with geometry and status',
    run: runList,
  },
  info: {
    summary: 'info <file|dicom-dir> [--json]               geometry, data type and value range',
    run: runInfo,
  },
  phantom: {
    summary:
      'phantom <out-image> <out-label> [--seed N --size X,Y,Z --spacing MM --teeth N]   synthetic CBCT',
    run: runPhantom,
  },
  'export-label': {
    summary:
      'export-label <project> <version-id> <out> [--format nifti|dicom-seg|stl]   write a label version',
    run: runExportLabel,
  },
  'export-nnunet': {
    summary:
      'export-nnunet <project> <nnUNet_raw-dir> [--id N --name X]   the project as an nnU-Net v2 dataset',
    run: runExportNnUNet,
  },
  'import-label': {
    summary: 'import-label <project> <case-id> <file>   an external prediction as a new label version',
    run: runImportLabel,
  },
  segment: {
    summary: 'segment <checkpoint-dir|--bootstrap> <in> <out> [--step S --tta AXES|--no-tta]   label a scan',
    run: runSegment,
  },
  evaluate: {
    summary:
      'evaluate <ground-truth> <prediction> | --dir <gt-folder> <pred-folder> [--tolerance MM] [--json]   STSR 2025 metrics',
    run: runEvaluate,
  },
  train: {
    summary:
      'train <project> --stage supervised|dae|consistency|pseudolabel|pipeline [--preset P --config C --patch D --iterations N --seed S] | --resume JOB',
    run: runTrain,
  },
  models: {
    summary:
      'models <project> [--activate ID | --rollback] [--json]   model versions, the active one starred',
    run: runModels,
  },
  propose: {
    summary: 'propose <project> <case-id…> | --all [--method model|bootstrap]   proposals (+ uncertainty)',
    run: runPropose,
  },
  rank: {
    summary: 'rank <project> [--limit N] [--diversity] [--json]   the next cases to correct',
    run: runRank,
  },
  'model-info': {
    summary: 'model-info --config stsr|tiny|workstation [--patch D0,D1,D2] [--json]   parameters and FLOPs',
    run: runModelInfo,
  },
  serve: {
    summary: 'serve <project> [--port N]                   serve the app on 127.0.0.1',
    run: runServe,
  },
  demo: {
    summary: 'demo [dir] [--port N]                        create the demo project and serve it',
    run: runDemo,
  },
};

export function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  cbct ${c.summary}`);
  return `CBCT Workbench command line\n\nusage:\n${lines.join('\n')}\n`;
}
