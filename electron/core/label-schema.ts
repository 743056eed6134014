// The label schema shipped in resources/ (STSR 2025 Task 1, 13 classes).
import { readFileSync } from 'node:fs';
import type { LabelSchema } from '../contract/types.js';

const SCHEMA_URL = new URL('../../resources/labels/stsr.json', import.meta.url);

export function loadStsrSchema(): LabelSchema {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as LabelSchema;
}
