import { createHash } from 'node:crypto';
import type { Store } from '../db/store';
import { auditRowsInOrder, insertAudit, lastAuditHash, type AuditRow } from './audit-queries';
import type { ActingUser } from '../api/context';
import type { AuditChainResult } from '@shared/api/auth';

// Append-only, hash-chained audit log: each entry's hash covers the previous entry's hash, so a row
// damaged, edited or deleted without recomputing the hashes after it breaks the chain at that row. What
// the chain proves is limited: anyone who can write the data file can also drop the append-only
// triggers, change rows, recompute every hash from the changed row on, and put the triggers back — the
// chain then verifies. Such a rewrite is caught only by anchors held outside the file (the head's number
// and hash printed on payroll summaries, in province export manifests and backups, and recorded beside
// the register): see audit-anchors.ts.

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  personId?: number | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.at,
    row.user_id,
    row.user_name,
    row.action,
    row.entity,
    row.entity_id,
    row.person_id,
    row.before_json,
    row.after_json,
    row.detail_json,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry. Call inside the transaction of the change it records. */
export function appendAudit(store: Store, user: ActingUser, input: AuditInput, at: Date): void {
  const prevHash = lastAuditHash(store) ?? GENESIS_HASH;
  const row = {
    at: at.toISOString(),
    user_id: user.id,
    user_name: user.username,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    person_id: input.personId ?? null,
    before_json: json(input.before),
    after_json: json(input.after),
    detail_json: json(input.detail),
  };
  insertAudit(store, { ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) });
}

export type { AuditChainResult };

/** Walks the whole chain in id order; names the first entry whose link or content does not verify. */
export function verifyAuditChain(store: Store): AuditChainResult {
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (const row of auditRowsInOrder(store)) {
    entries++;
    const { id, prev_hash, hash, ...content } = row;
    if (prev_hash !== prevHash || entryHash(prevHash, content) !== hash)
      return { ok: false, entries, firstBrokenId: id };
    prevHash = hash;
  }
  return { ok: true, entries };
}
