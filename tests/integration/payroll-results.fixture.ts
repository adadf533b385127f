import ExcelJS from 'exceljs';
import type Database from 'better-sqlite3';
import { foldForSearch } from '@shared/domain/text';

// Approved payrolls written straight into the 001/006 schema (people, payroll, lines), so the results
// tests do not depend on the payroll build; and bank result files as the bank sends them back.

export interface FixtureLine {
  name: string;
  method: 'CASH_WARD' | 'POST_OFFICE' | 'OWN_ACCOUNT' | 'AUTHORIZED_ACCOUNT';
  amountVnd: number;
  account?: string;
  neighbourhood?: string;
  receiver?: string;
}

export function insertApprovedPayroll(
  db: Database.Database,
  month: string,
  programme: string,
  lines: FixtureLine[],
  approved = true,
): { payrollId: number; lineIds: number[] } {
  const at = '2026-11-01T00:00:00Z';
  const total = lines.reduce((s, l) => s + l.amountVnd, 0);
  const payrollId = Number(
    db
      .prepare(
        "INSERT INTO payrolls (month, programme_code, status, line_count, total_vnd, built_at) VALUES (?, ?, 'draft', ?, ?, ?)",
      )
      .run(month, programme, lines.length, total, at).lastInsertRowid,
  );
  const person = db.prepare(
    'INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const line = db.prepare(
    `INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, neighbourhood_name, amount_vnd, method, bank_code, account_number, holder_name, receiver_name)
     VALUES (?, ?, 'regular', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lineIds = lines.map((l) => {
    const personId = Number(
      person.run(l.name, l.name.split(' ').pop()!, foldForSearch(l.name), foldForSearch(l.name), at, at)
        .lastInsertRowid,
    );
    const bank = l.account ? 'AGRIBANK' : null;
    return Number(
      line.run(
        payrollId,
        personId,
        l.name,
        l.neighbourhood ?? 'Khu phố 1',
        l.amountVnd,
        l.method,
        bank,
        l.account ?? null,
        l.account ? (l.receiver ?? l.name).toUpperCase() : null,
        l.receiver ?? null,
      ).lastInsertRowid,
    );
  });
  if (approved) db.prepare("UPDATE payrolls SET status = 'approved', approved_at = ? WHERE id = ?").run(at, payrollId);
  return { payrollId, lineIds };
}

export interface ResultFileRow {
  account: string;
  amountVnd: number | string;
  status: string;
  reason?: string;
  reference?: string;
  name?: string;
}

/** The default batch template's columns plus the bank's three result columns, with title and total rows. */
export async function resultXlsx(
  rows: ResultFileRow[],
  headers = ['Trạng thái', 'Lý do', 'Mã giao dịch'],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ket qua');
  ws.addRow(['NGÂN HÀNG NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN VIỆT NAM']);
  ws.addRow(['KẾT QUẢ CHI LƯƠNG THEO LÔ']);
  ws.addRow([]);
  ws.addRow(['STT', 'Số tài khoản', 'Tên chủ tài khoản', 'Ngân hàng', 'Chi nhánh', 'Số tiền', 'Nội dung', ...headers]);
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1,
      r.account,
      r.name ?? 'NGUYEN VAN A',
      'Agribank',
      'Phan Thiết',
      r.amountVnd,
      'TRO CAP XH T11/2026',
      r.status,
      r.reason ?? '',
      r.reference ?? `FT${1000 + i}`,
    ]);
  });
  ws.addRow([
    '',
    'Tổng cộng',
    '',
    '',
    '',
    rows.reduce((s, r) => s + (typeof r.amountVnd === 'number' ? r.amountVnd : 0), 0),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const b64 = (b: Buffer) => b.toString('base64');
