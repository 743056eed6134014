// The one lookup every case-scoped operation starts with: the case, or a `not-found` error naming it.
import { CoreError } from '../contract/errors.js';
import type { CoreContext } from './context.js';
import type { CaseRecord } from './store/cases.js';
import { findCase } from './store/cases.js';

export function requireCase(ctx: Pick<CoreContext, 'db'>, caseId: number): CaseRecord {
  const c = findCase(ctx.db, caseId);
  if (!c) throw new CoreError('not-found', `case ${caseId} does not exist`);
  return c;
}
