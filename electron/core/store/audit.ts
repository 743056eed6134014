// The audit trail: who did what to which case, append-only.
import type { Db } from '../db/open.js';
import type { AuditEntry } from '../../contract/types.js';
import { nowIso } from './time.js';

export function audit(
  db: Db,
  actor: string,
  action: string,
  caseId: number | null,
  details: unknown = {},
): void {
  db.prepare('INSERT INTO audit (at, actor, action, case_id, details) VALUES (?, ?, ?, ?, ?)').run(
    nowIso(),
    actor,
    action,
    caseId,
    JSON.stringify(details),
  );
}

export function listAudit(db: Db, caseId: number | undefined, limit: number): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit WHERE (@caseId IS NULL OR case_id = @caseId) ORDER BY id DESC LIMIT @limit')
    .all({ caseId: caseId ?? null, limit }) as {
    id: number;
    at: string;
    actor: string;
    action: string;
    case_id: number | null;
    details: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    caseId: r.case_id,
    details: JSON.parse(r.details) as unknown,
  }));
}
