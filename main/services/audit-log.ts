import ExcelJS from 'exceljs';
import type { Store } from '../db/store';
import { verifyAuditChain } from './audit';
import { chainHead, checkRegisterAnchors } from './audit-anchors';
import type { AuditChainResult } from '../../shared/api/auth';
import type { AuditEntryView } from '../../shared/api/auth';
import { AUDIT_ENTITY_LABELS, actionLabel } from '../../shared/domain/audit-actions';

// The audit screen's queries: filter by user, person, action and date; export to xlsx; verify the chain.

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


function where(filter: AuditFilter): { sql: string; params: Record<string, unknown> } {
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

const pad = (n: number) => String(n).padStart(2, '0');

/** 'dd/mm/yyyy HH:mm:ss' in the PC's local time, as the office reads it. */
function localDateTime(iso: string): string {
  const t = new Date(iso);
  return `${pad(t.getDate())}/${pad(t.getMonth() + 1)}/${t.getFullYear()} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

const SELECT = `SELECT a.id, a.at, a.user_name AS userName, a.action, a.entity, a.entity_id AS entityId, a.person_id AS personId,
  p.full_name AS personName, COALESCE(a.detail_json, '') AS detail
  FROM audit_log a LEFT JOIN people p ON p.id = a.person_id`;

export function listAudit(store: Store, filter: AuditFilter): { rows: AuditEntryView[]; total: number } {
  const { sql, params } = where(filter);
  const rows = store.prepare(`${SELECT} ${sql} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: filter.limit, offset: filter.offset }) as AuditEntryView[];
  const total = (store.prepare(`SELECT COUNT(*) AS n FROM audit_log a ${sql}`).get(params) as { n: number }).n;
  return { rows, total };
}

export async function exportAudit(store: Store, filter: Omit<AuditFilter, 'limit' | 'offset'>): Promise<{ buffer: Buffer; count: number }> {
  const { sql, params } = where({ ...filter, limit: 0, offset: 0 });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Nhật ký');
  sheet.columns = [
    { header: 'STT', width: 7 },
    { header: 'Thời điểm', width: 20 },
    { header: 'Người thực hiện', width: 16 },
    { header: 'Thao tác', width: 34 },
    { header: 'Mã thao tác', width: 24 },
    { header: 'Đối tượng dữ liệu', width: 16 },
    { header: 'Mã', width: 10 },
    { header: 'Người liên quan', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  for (const r of store.prepare(`${SELECT} ${sql} ORDER BY a.id`).iterate(params) as IterableIterator<AuditEntryView>) {
    sheet.addRow([++count, localDateTime(r.at), r.userName, actionLabel(r.action), r.action, AUDIT_ENTITY_LABELS[r.entity] ?? r.entity, r.entityId ?? '', r.personName ?? '']);
  }
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), count };
}

export { verifyAuditChain };

/** The audit page's check: the chain's links, its head, and the chain against the anchors the app has issued. */
export function verifyAuditWithAnchors(store: Store, dbPath: string | undefined): AuditChainResult {
  return { ...verifyAuditChain(store), head: chainHead(store.sqlite), ...(dbPath ? { anchors: checkRegisterAnchors(store.sqlite, dbPath) } : {}) };
}
