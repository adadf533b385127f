import type { ImportOutcome, LineStatus } from '@shared/api/payroll-results';
import { formatVnd } from '@shared/domain/money';
import { refusal } from './attempts';
import type { ResultRow } from './result-file';

// Matching a result file's rows to payroll lines, by account number AND amount within one payroll.
// Nothing is guessed: a row that fits no line, or more than one line (a caregiver receiving for two
// people with equal amounts into one account), or a line that two rows of the file claim, is listed
// and left alone.

export interface MatchLine {
  id: number;
  account: string;
  amountVnd: number;
  status: LineStatus;
  fullName: string;
  /** An attempt from this very file is already recorded on the line. */
  fromThisFile: boolean;
}

export interface MatchedRow {
  row: ResultRow;
  outcome: ImportOutcome;
  lineId: number | null;
  note: string;
  names: string[];
}

export interface MatchResult {
  rows: MatchedRow[];
  counts: Record<ImportOutcome, number>;
  paidVnd: number;
  failedVnd: number;
  /** Bank lines still pending/sent that no row of the file names. */
  missingFromFile: number;
}

export const emptyCounts = (): Record<ImportOutcome, number> => ({
  paid: 0,
  failed: 0,
  already: 0,
  conflict: 0,
  unmatched: 0,
  ambiguous: 0,
  invalid: 0,
});

export function matchRows(lines: readonly MatchLine[], rows: readonly ResultRow[]): MatchResult {
  // One map by account (a list is nearly always one line long); the amount is compared in the list.
  const byAccount = new Map<string, MatchLine[]>();
  for (const line of lines) {
    const list = byAccount.get(line.account);
    if (list) list.push(line);
    else byAccount.set(line.account, [line]);
  }

  // Pass 1: each row's single candidate line, if any.
  const targets: Array<MatchLine | null> = new Array<MatchLine | null>(rows.length).fill(null);
  const matched: MatchedRow[] = rows.map((row, i) => {
    if (row.problem) return { row, outcome: 'invalid', lineId: null, note: row.problem, names: [] };
    const sameAccount = byAccount.get(row.account);
    const candidates = sameAccount ? sameAccount.filter((l) => l.amountVnd === row.amountVnd) : [];
    if (candidates.length === 0) {
      const note = sameAccount
        ? `Số tài khoản có trong bảng lương nhưng số tiền khác (${sameAccount.map((l) => formatVnd(l.amountVnd)).join('; ')} đồng).`
        : 'Không có số tài khoản này trong bảng lương.';
      return { row, outcome: 'unmatched', lineId: null, note, names: [] };
    }
    if (candidates.length > 1) {
      return {
        row,
        outcome: 'ambiguous',
        lineId: null,
        note: `Cùng số tài khoản và số tiền với ${candidates.length} dòng bảng lương: không tự chọn, hãy ghi kết quả bằng tay.`,
        names: candidates.map((c) => c.fullName),
      };
    }
    const line = candidates[0]!;
    targets[i] = line;
    return { row, outcome: 'paid', lineId: line.id, note: '', names: [line.fullName] };
  });

  // Pass 2: a line claimed by two rows of the file is not guessed either.
  const claimed = new Set<MatchLine>();
  const twice = new Set<MatchLine>();
  for (const line of targets) {
    if (!line) continue;
    if (claimed.has(line)) twice.add(line);
    else claimed.add(line);
  }
  const counts = emptyCounts();
  let paidVnd = 0;
  let failedVnd = 0;
  matched.forEach((m, i) => {
    const line = targets[i];
    if (line) {
      if (twice.has(line)) {
        m.outcome = 'ambiguous';
        m.note = 'Nhiều dòng trong tệp cùng khớp một dòng bảng lương: không tự chọn, hãy kiểm tra với ngân hàng.';
        m.lineId = null;
      } else if (line.fromThisFile) {
        m.outcome = 'already';
        m.note = 'Đã ghi từ tệp này trước đó.';
      } else {
        const status = m.row.status!;
        const why = refusal(line.status, status);
        if (why) {
          m.outcome = 'conflict';
          m.note = why;
        } else {
          m.outcome = status;
          if (status === 'paid') paidVnd += line.amountVnd;
          else failedVnd += line.amountVnd;
        }
      }
    }
    counts[m.outcome]++;
  });
  let missingFromFile = 0;
  for (const l of lines) if ((l.status === 'pending' || l.status === 'sent') && !claimed.has(l)) missingFromFile++;
  return { rows: matched, counts, paidVnd, failedVnd, missingFromFile };
}
