import ExcelJS from 'exceljs';
import type { Store } from '../db/store';
import { verifyAuditChain } from './audit';
import { auditEntries, auditPage, type AuditFilter } from './audit-queries';
import { chainHead, checkRegisterAnchors } from './audit-anchors';
import type { AuditChainResult } from '@shared/api/auth';
import type { AuditEntryView } from '@shared/api/auth';
import { AUDIT_ENTITY_LABELS, actionLabel } from '@shared/domain/audit-actions';

// The audit screen's queries: filter by user, person, action and date; export to xlsx; verify the chain.

export type { AuditFilter };

const pad = (n: number) => String(n).padStart(2, '0');

/** 'dd/mm/yyyy HH:mm:ss' in the PC's local time, as the office reads it. */
function localDateTime(iso: string): string {
  const t = new Date(iso);
  return `${pad(t.getDate())}/${pad(t.getMonth() + 1)}/${t.getFullYear()} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

export function listAudit(store: Store, filter: AuditFilter): { rows: AuditEntryView[]; total: number } {
  return auditPage(store, filter);
}

export async function exportAudit(
  store: Store,
  filter: Omit<AuditFilter, 'limit' | 'offset'>,
): Promise<{ buffer: Buffer; count: number }> {
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
  for (const r of auditEntries(store, filter)) {
    sheet.addRow([
      ++count,
      localDateTime(r.at),
      r.userName,
      actionLabel(r.action),
      r.action,
      AUDIT_ENTITY_LABELS[r.entity] ?? r.entity,
      r.entityId ?? '',
      r.personName ?? '',
    ]);
  }
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), count };
}

export { verifyAuditChain };

/** The audit page's check: the chain's links, its head, and the chain against the anchors the app has issued. */
export function verifyAuditWithAnchors(store: Store, dbPath: string | undefined): AuditChainResult {
  return {
    ...verifyAuditChain(store),
    head: chainHead(store.sqlite),
    ...(dbPath ? { anchors: checkRegisterAnchors(store.sqlite, dbPath) } : {}),
  };
}
