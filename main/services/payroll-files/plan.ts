import type { FilesPlan, PayrollFileKind, PlannedFile } from '@shared/api/payroll-files';
import { foldForSearch, compareVi } from '@shared/domain/text';
import { formatVnd } from '@shared/domain/money';
import { ACCOUNT_METHODS, sumVnd, type FileLine, type PayrollScope } from './lines';

// Which files an approved payroll gives: a bank batch per bank (and per programme when the office splits
// them), cash and post-office lists per neighbourhood or for the whole ward (PDF and xlsx), and the
// monthly summary. Each planned file keeps its lines; the keys are stable, so the renderer can choose.

export interface PlannedGroup extends PlannedFile {
  lines: FileLine[];
  bankCode?: string;
  programme?: string;
  neighbourhood?: string;
}

export interface Plan extends Omit<FilesPlan, 'files'> {
  files: PlannedGroup[];
}

const NO_NEIGHBOURHOOD = '(Chưa ghi khu phố)';

const slug = (s: string) =>
  foldForSearch(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'khac';

const groupBy = <K>(lines: readonly FileLine[], key: (l: FileLine) => K): Map<K, FileLine[]> => {
  const map = new Map<K, FileLine[]>();
  for (const l of lines) {
    const k = key(l);
    const list = map.get(k);
    if (list) list.push(l);
    else map.set(k, [l]);
  }
  return map;
};

/** In the offices' name order (the order the lines were loaded in). */
function sortByName(lines: FileLine[]): void {
  lines.sort((a, b) => a.order - b.order);
}

/** Distinct rows of a payout list (one per person and receiver). */
const listCount = (lines: readonly FileLine[]) =>
  new Set(lines.map((l) => `${l.personId}\u0000${l.receiverName ?? ''}`)).size;

export function planFiles(
  scope: PayrollScope,
  lines: FileLine[],
  options: { allProgrammes: boolean; listsBy: 'neighbourhood' | 'ward'; splitByProgramme: boolean },
): Plan {
  const month = scope.month;
  const programmes = scope.payrolls.map((p) => p.programme);
  const tag = options.allProgrammes ? 'tat-ca' : slug(programmes[0] ?? '');
  const files: PlannedGroup[] = [];
  const warnings: string[] = [];

  // Bank batches: lines paid into an account, with a bank and an account number.
  const account = lines.filter((l) => ACCOUNT_METHODS.has(l.method));
  const missing = account.filter((l) => !l.bankCode || !l.accountNumber);
  if (missing.length > 0) {
    warnings.push(
      `${missing.length} dòng chuyển khoản thiếu ngân hàng hoặc số tài khoản nên không có trong tệp ngân hàng (${formatVnd(sumVnd(missing))} đồng): ${missing
        .slice(0, 5)
        .map((l) => l.fullName)
        .join(', ')}${missing.length > 5 ? ', …' : ''}.`,
    );
  }
  const split = options.splitByProgramme && programmes.length > 1;
  const banks = groupBy(
    account.filter((l) => l.bankCode && l.accountNumber),
    (l) => (split ? `${l.bankCode}\u0000${l.programme}` : l.bankCode!),
  );
  for (const [key, group] of [...banks.entries()].sort(([a], [b]) => compareVi(a, b))) {
    const [bankCode, programme] = key.split('\u0000') as [string, string | undefined];
    sortByName(group);
    const label = `${group[0]!.bankName}${programme ? ` — ${scope.programmeNames[programme] ?? programme}` : ''}`;
    files.push({
      key: `bank:${bankCode}${programme ? `:${programme}` : ''}`,
      kind: 'bank',
      fileName: `chuyen-khoan_${slug(bankCode)}_${month}_${programme ? slug(programme) : tag}.xlsx`,
      label,
      count: group.length,
      totalVnd: sumVnd(group),
      lines: group,
      bankCode,
      ...(programme ? { programme } : {}),
    });
  }

  // Cash and post-office lists.
  for (const [method, stem, kinds] of [
    ['CASH_WARD', 'chi-tra-tien-mat', ['cash-pdf', 'cash-xlsx']],
    ['POST_OFFICE', 'chi-tra-buu-dien', ['post-pdf', 'post-xlsx']],
  ] as const) {
    const own = lines.filter((l) => l.method === method);
    if (own.length === 0) continue;
    const parts: Array<[string, FileLine[]]> =
      options.listsBy === 'ward'
        ? [['', own]]
        : [...groupBy(own, (l) => l.neighbourhood || NO_NEIGHBOURHOOD).entries()].sort(([a], [b]) => compareVi(a, b));
    for (const kind of kinds) {
      const ext = kind.endsWith('pdf') ? 'pdf' : 'xlsx';
      for (const [neighbourhood, group] of parts) {
        files.push({
          key: `${kind}:${neighbourhood ? `kp:${neighbourhood}` : 'ward'}`,
          kind: kind as PayrollFileKind,
          fileName: `${stem}_${month}_${tag}_${neighbourhood ? slug(neighbourhood) : 'toan-phuong'}.${ext}`,
          label: neighbourhood || 'Toàn phường/xã',
          count: listCount(group),
          totalVnd: sumVnd(group),
          lines: group,
          neighbourhood,
        });
      }
    }
  }

  files.push({
    key: 'summary-pdf',
    kind: 'summary-pdf',
    fileName: `tong-hop_${month}_${tag}.pdf`,
    label: 'Tổng hợp theo chế độ và hình thức chi trả',
    count: lines.length,
    totalVnd: sumVnd(lines),
    lines,
  });

  // Two neighbourhoods whose names fold alike would share a file name: number them.
  const names = new Map<string, number>();
  for (const f of files) {
    const n = (names.get(f.fileName) ?? 0) + 1;
    names.set(f.fileName, n);
    if (n > 1) f.fileName = f.fileName.replace(/(\.[a-z]+)$/, `-${n}$1`);
  }

  const recordedVnd = scope.payrolls.reduce((s, p) => s + p.totalVnd, 0);
  if (recordedVnd !== sumVnd(lines)) {
    warnings.push(
      `Tổng tiền ghi trên bảng chi trả (${formatVnd(recordedVnd)} đồng) khác tổng các dòng (${formatVnd(sumVnd(lines))} đồng).`,
    );
  }

  return {
    month,
    programmes,
    payrollIds: scope.payrolls.map((p) => p.id),
    payrollCount: lines.length,
    payrollTotalVnd: recordedVnd,
    files,
    warnings,
  };
}

/** The plan as the renderer sees it (without the lines). */
export function publicPlan(plan: Plan): FilesPlan {
  return {
    ...plan,
    files: plan.files.map(({ key, kind, fileName, label, count, totalVnd }) => ({
      key,
      kind,
      fileName,
      label,
      count,
      totalVnd,
    })),
  };
}
