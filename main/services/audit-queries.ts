import type Database from 'better-sqlite3';
import type { Insertable, Selectable } from 'kysely';
import { qb, type Store } from '../db/store';
import type { AuditLogTable } from '../db/schema';
import type { AuditEntryView } from '@shared/api/auth';

// The audit log's SQL (issue 13): the chain's append and walk, its head for anchors, and the audit
// screen's filtered list and export.

export type AuditRow = Selectable<AuditLogTable>;
export type AuditInsert = Omit<Insertable<AuditLogTable>, 'id'>;

/** The newest entry's hash (the link for the next one), or undefined for an empty log. */
export function lastAuditHash(store: Store): string | undefined {
  return store.first(qb.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1))?.hash;
}

export function insertAudit(store: Store, row: AuditInsert): void {
  store.run(qb.insertInto('audit_log').values(row));
}

/** Every entry in id order, streamed (a statement of its own: the walk may outlive other reads). */
export function auditRowsInOrder(store: Store): IterableIterator<AuditRow> {
  return store.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>;
}

/** The newest entry of a register's chain (on any connection: anchors read other files too). */
export function auditHeadOf(db: Database.Database): { id: number; hash: string } | undefined {
  return db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
}

/** The chain's entry at `seq`, read from the table itself (never through an index of a file). */
export function auditHashAt(db: Database.Database, seq: number): string | undefined {
  return db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(seq) as string | undefined;
}

export interface AuditFilter {
  userId?: number;
  personId?: number;
  action?: string;
  /** 'YYYY-MM-DD', inclusive: days of the office's calendar (the PC's local time), not UTC days. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

function where(filter: Omit<AuditFilter, 'limit' | 'offset'>): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.userId !== undefined) {
    clauses.push('a.user_id = @userId');
    params.userId = filter.userId;
  }
  if (filter.personId !== undefined) {
    clauses.push('a.person_id = @personId');
    params.personId = filter.personId;
  }
  if (filter.action) {
    clauses.push("(a.action = @action OR a.action LIKE @actionPrefix ESCAPE '\\')");
    params.action = filter.action;
    params.actionPrefix = `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
  }
  // Entries store UTC ISO timestamps, which sort as text: a local day is the range from its local
  // midnight to the next one, both written as UTC ISO.
  if (filter.from) {
    clauses.push('a.at >= @from');
    params.from = localMidnightIso(filter.from, 0);
  }
  if (filter.to) {
    clauses.push('a.at < @toNext');
    params.toNext = localMidnightIso(filter.to, 1);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Local midnight of `day` (+ `addDays`) as a UTC ISO timestamp. */
function localMidnightIso(day: string, addDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays).toISOString();
}

const SELECT = `SELECT a.id, a.at, a.user_name AS userName, a.action, a.entity, a.entity_id AS entityId, a.person_id AS personId,
  p.full_name AS personName, COALESCE(a.detail_json, '') AS detail
  FROM audit_log a LEFT JOIN people p ON p.id = a.person_id`;

/** One page of the audit screen, newest first, and how many entries match in all. */
export function auditPage(store: Store, filter: AuditFilter): { rows: AuditEntryView[]; total: number } {
  const { sql, params } = where(filter);
  const rows = store
    .prepare(`${SELECT} ${sql} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as AuditEntryView[];
  const total = (store.prepare(`SELECT COUNT(*) AS n FROM audit_log a ${sql}`).get(params) as { n: number }).n;
  return { rows, total };
}

/** Every matching entry, oldest first, streamed (the export). */
export function auditEntries(
  store: Store,
  filter: Omit<AuditFilter, 'limit' | 'offset'>,
): IterableIterator<AuditEntryView> {
  const { sql, params } = where(filter);
  return store.prepare(`${SELECT} ${sql} ORDER BY a.id`).iterate(params) as IterableIterator<AuditEntryView>;
}
