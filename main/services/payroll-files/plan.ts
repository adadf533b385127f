import type { FilesPlan, PlannedFile } from '@shared/api/payroll-files';
import { foldForSearch, compareVi } from '@shared/domain/text';
import { formatVnd } from '@shared/domain/money';
import { sumVnd, type FileLine, type PayrollScope } from './lines';
import { bankFileKey, hasBankAccount, isAccountLine, LIST_FILES, listKey, listRowKey, type ListMethod } from './rules';

// Which files an approved payroll gives: a bank batch per bank (and per programme when the office splits
// them), cash and post-office lists per neighbourhood or for the whole ward (PDF and xlsx), and the
// monthly summary. Each planned file keeps its lines; the keys are stable, so the renderer can choose.

/** A planned file and what it is made from: its lines for the files, nothing for the panel's plan. */
export type PlannedFileOf<T> = PlannedFile & {
  lines: T;
  bankCode?: string;
  programme?: string;
  neighbourhood?: string;
};
export type PlannedGroup = PlannedFileOf<FileLine[]>;

export interface PlanOf<T> extends Omit<FilesPlan, 'files'> {
  files: Array<PlannedFileOf<T>>;
}
export type Plan = PlanOf<FileLine[]>;

export interface PlanOptions {
  allProgrammes: boolean;
  listsBy: 'neighbourhood' | 'ward';
  splitByProgramme: boolean;
}

/** Lines added up: their number, their amount, and what the file is made from. */
export interface Part<T> {
  count: number;
  totalVnd: number;
  lines: T;
}

/**
 * A plan's content before it is named and ordered, each part keyed by the rules of rules.ts: from the
 * lines (planFiles) or from the aggregate query's groups (plan-totals.ts). `assemblePlan` makes either
 * into the same files.
 */
export interface PlanParts<T> {
  /** Every line of the payrolls (the summary). */
  all: Part<T>;
  /** By bankFileKey; `bankName` as the files name it (shortBankName). */
  banks: Map<string, Part<T> & { bankName: string }>;
  /** Account lines without a bank or an account number; `names`: the first of them in name order. */
  missing: { count: number; totalVnd: number; names: string[] };
  /** By method, then listKey; `count` is the list's rows (listRowKey), not its lines. */
  lists: Map<ListMethod, Map<string, Part<T>>>;
}

/** The warning names this many of the lines missing a bank or an account number. */
export const MISSING_NAMES = 5;

const slug = (s: string) =>
  foldForSearch(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'khac';

/** Bank files are split by programme only when the office wants it and there are several. */
export const splitBanks = (scope: PayrollScope, options: PlanOptions): boolean =>
  options.splitByProgramme && scope.payrolls.length > 1;

const addTo = <K>(map: Map<K, FileLine[]>, key: K, l: FileLine) => {
  const list = map.get(key);
  if (list) list.push(l);
  else map.set(key, [l]);
};

/** The files of the payrolls from their lines (loaded in the offices' name order): what the files are made of. */
export function planFiles(scope: PayrollScope, lines: FileLine[], options: PlanOptions): Plan {
  const split = splitBanks(scope, options);
  const banks = new Map<string, FileLine[]>();
  const missing: FileLine[] = [];
  const lists = new Map<ListMethod, Map<string, FileLine[]>>();
  for (const l of lines) {
    if (isAccountLine(l)) {
      if (hasBankAccount(l)) addTo(banks, bankFileKey(l, split), l);
      else missing.push(l);
      continue;
    }
    const list = LIST_FILES.find((f) => f.method === l.method);
    if (!list) continue;
    let own = lists.get(list.method);
    if (!own) lists.set(list.method, (own = new Map()));
    addTo(own, listKey(l, options.listsBy), l);
  }
  const part = (group: FileLine[]): Part<FileLine[]> => ({
    count: group.length,
    totalVnd: sumVnd(group),
    lines: group,
  });
  return assemblePlan(
    scope,
    {
      all: part(lines),
      banks: new Map(
        [...banks].map(([key, group]) => {
          // In the offices' name order (the order the lines were loaded in).
          group.sort((a, b) => a.order - b.order);
          return [key, { ...part(group), bankName: group[0]!.bankName }];
        }),
      ),
      missing: {
        count: missing.length,
        totalVnd: sumVnd(missing),
        names: missing.slice(0, MISSING_NAMES).map((l) => l.fullName),
      },
      lists: new Map(
        [...lists].map(([method, parts]) => [
          method,
          new Map(
            [...parts].map(([key, group]) => [key, { ...part(group), count: new Set(group.map(listRowKey)).size }]),
          ),
        ]),
      ),
    },
    options,
  );
}

/**
 * Which files the parts give: a bank batch per bank (and per programme when the office splits them),
 * cash and post-office lists per neighbourhood or for the whole ward (PDF and xlsx), and the monthly
 * summary; their keys (stable, so the renderer can choose), names, labels and order, and the warnings.
 */
export function assemblePlan<T>(scope: PayrollScope, parts: PlanParts<T>, options: PlanOptions): PlanOf<T> {
  const month = scope.month;
  const programmes = scope.payrolls.map((p) => p.programme);
  const tag = options.allProgrammes ? 'tat-ca' : slug(programmes[0] ?? '');
  const files: Array<PlannedFileOf<T>> = [];
  const warnings: string[] = [];

  // Bank batches: lines paid into an account, with a bank and an account number.
  const { missing } = parts;
  if (missing.count > 0) {
    warnings.push(
      `${missing.count} dòng chuyển khoản thiếu ngân hàng hoặc số tài khoản nên không có trong tệp ngân hàng (${formatVnd(missing.totalVnd)} đồng): ${missing.names
        .slice(0, MISSING_NAMES)
        .join(', ')}${missing.count > MISSING_NAMES ? ', …' : ''}.`,
    );
  }
  for (const [key, group] of [...parts.banks].sort(([a], [b]) => compareVi(a, b))) {
    const [bankCode, programme] = key.split('\u0000') as [string, string | undefined];
    const label = `${group.bankName}${programme ? ` — ${scope.programmeNames[programme] ?? programme}` : ''}`;
    files.push({
      key: `bank:${bankCode}${programme ? `:${programme}` : ''}`,
      kind: 'bank',
      fileName: `chuyen-khoan_${slug(bankCode)}_${month}_${programme ? slug(programme) : tag}.xlsx`,
      label,
      count: group.count,
      totalVnd: group.totalVnd,
      lines: group.lines,
      bankCode,
      ...(programme ? { programme } : {}),
    });
  }

  // Cash and post-office lists.
  for (const { method, stem, kinds } of LIST_FILES) {
    const own = parts.lists.get(method);
    if (!own || own.size === 0) continue;
    const lists = [...own].sort(([a], [b]) => compareVi(a, b));
    for (const kind of kinds) {
      const ext = kind.endsWith('pdf') ? 'pdf' : 'xlsx';
      for (const [neighbourhood, group] of lists) {
        files.push({
          key: `${kind}:${neighbourhood ? `kp:${neighbourhood}` : 'ward'}`,
          kind,
          fileName: `${stem}_${month}_${tag}_${neighbourhood ? slug(neighbourhood) : 'toan-phuong'}.${ext}`,
          label: neighbourhood || 'Toàn phường/xã',
          count: group.count,
          totalVnd: group.totalVnd,
          lines: group.lines,
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
    count: parts.all.count,
    totalVnd: parts.all.totalVnd,
    lines: parts.all.lines,
  });

  // Two neighbourhoods whose names fold alike would share a file name: number them.
  const names = new Map<string, number>();
  for (const f of files) {
    const n = (names.get(f.fileName) ?? 0) + 1;
    names.set(f.fileName, n);
    if (n > 1) f.fileName = f.fileName.replace(/(\.[a-z]+)$/, `-${n}$1`);
  }

  const recordedVnd = scope.payrolls.reduce((s, p) => s + p.totalVnd, 0);
  if (recordedVnd !== parts.all.totalVnd) {
    warnings.push(
      `Tổng tiền ghi trên bảng chi trả (${formatVnd(recordedVnd)} đồng) khác tổng các dòng (${formatVnd(parts.all.totalVnd)} đồng).`,
    );
  }

  return {
    month,
    programmes,
    payrollIds: scope.payrolls.map((p) => p.id),
    payrollCount: parts.all.count,
    payrollTotalVnd: recordedVnd,
    files,
    warnings,
  };
}

/** The plan as the renderer sees it (without the lines). */
export function publicPlan<T>(plan: PlanOf<T>): FilesPlan {
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
