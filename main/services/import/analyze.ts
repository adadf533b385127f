import { createHash } from 'node:crypto';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import {
  MAX_IMPORT_BYTES,
  type ImportAnalysis,
  type ImportConfig,
  type SheetAnalysis,
  type ValueProposal,
} from '@shared/api/import';
import { inForce } from '@shared/domain/allowance';
import { formatMonthVi, type Month } from '@shared/domain/dates';
import {
  IMPORT_FIELDS,
  METHOD_TARGETS,
  METHOD_TARGET_LABELS,
  cellText,
  classifySheetRow,
  columnLetter,
  detectHeader,
  detectProgramme,
  formatCoefficient,
  parseAccountNumber,
  parseCoefficientCell,
  parseTitleMonth,
  proposeGroupTarget,
  proposeMethodTarget,
  valueKey,
  type ImportField,
  type MethodTarget,
  mappingIssues,
} from '@shared/domain/import-mapping';
import { normalizeText } from '@shared/domain/text';
import { currentMonth } from '../clock';
import { loadReference, type ReferenceTables } from '../register/amounts';
import { loadBanks } from './rows';
import { createSession, sessionExpiresAt } from './sessions';
import { readWorkbook, type ParsedSheet } from './workbook';

// import.analyze: read the file, find each sheet's header row, propose the column mapping, the
// programme, the month, and a mapping for every distinct group text and payout-method text. Reads only;
// the parsed file stays in memory under a token for the next steps.

interface Tally {
  texts: Map<string, number>;
  count: number;
  sheets: Set<string>;
  coefficients: Set<number>;
  withAccount: number;
}

const newTally = (): Tally => ({
  texts: new Map(),
  count: 0,
  sheets: new Set(),
  coefficients: new Set(),
  withAccount: 0,
});

function tallyValue(map: Map<string, Tally>, text: string, sheet: string): Tally {
  const key = valueKey(text);
  let t = map.get(key);
  if (!t) map.set(key, (t = newTally()));
  t.count++;
  t.sheets.add(sheet);
  t.texts.set(text, (t.texts.get(text) ?? 0) + 1);
  return t;
}

/** The spelling most rows use, for display. */
const mainText = (t: Tally): string =>
  [...t.texts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];

/** Labels of the targets a group text can map to: NCC, each family (chosen by age), each lone group. */
function groupTargets(ref: ReferenceTables, month: Month): ImportAnalysis['groupTargets'] {
  const out: ImportAnalysis['groupTargets'] = [
    { value: 'NCC', label: 'Người có công — giữ nguyên tên diện, số tiền theo tệp', programme: 'NCC' },
  ];
  const coef = (code: string) => {
    const milli = inForce(ref.coefficients.get(code) ?? [], month)?.milli;
    return milli ? formatCoefficient(milli) : '?';
  };
  for (const [family, members] of ref.families) {
    const programme = members[0]!.programme;
    if (programme !== 'BTXH' && programme !== 'HTXH') continue;
    if (members.length > 1) {
      const parts = members.map((m) => `${m.code} hệ số ${coef(m.code)}`).join(' / ');
      out.push({
        value: family,
        label: `${ref.groups.get(members[0]!.code)?.label ?? family} — theo tuổi: ${parts}`,
        programme,
      });
    } else {
      const g = ref.groups.get(members[0]!.code)!;
      out.push({ value: g.code, label: `${g.code}: ${g.label} — hệ số ${coef(g.code)}`, programme });
    }
  }
  return out;
}

/** Coefficients a target can pay at the month (all members of a family). */
function targetCoefficients(ref: ReferenceTables, target: string, month: Month): number[] {
  const direct = ref.groups.get(target);
  const members = direct ? (ref.families.get(direct.family) ?? [direct]) : (ref.families.get(target) ?? []);
  return members.flatMap((m) => {
    const c = inForce(ref.coefficients.get(m.code) ?? [], month)?.milli;
    return c ? [c] : [];
  });
}

export async function analyzeImport(
  ctx: HandlerContext,
  input: { fileName: string; contentBase64: string },
): Promise<ImportAnalysis> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ApiError('INVALID_INPUT', 'Tệp quá lớn: chỉ nhận tệp đến 20 MB. Hãy tách danh sách thành nhiều tệp.');
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = await readWorkbook(bytes, input.fileName);
  const ref = loadReference(ctx.store);
  const banks = loadBanks(ctx.store);
  const messages: string[] = [];

  const groups = new Map<string, Tally>();
  const methods = new Map<string, Tally>();
  const sheetResults: Array<{
    analysis: SheetAnalysis;
    columns: Partial<Record<ImportField, number>>;
    groupTexts: string[];
  }> = [];
  let month: { value: Month; text: string } | null = null;

  for (const sheet of parsed) {
    const header = detectHeader(sheet.rows);
    const titles: string[] = [];
    for (let r = 0; r < (header ? header.row - 1 : Math.min(sheet.rows.length, 10)); r++) {
      for (const c of sheet.rows[r] ?? []) {
        const t = normalizeText(cellText(c));
        if (t && !titles.includes(t)) titles.push(t);
      }
    }
    if (!month) {
      for (const t of [sheet.name, ...titles]) {
        const m = parseTitleMonth(t);
        if (m) {
          month = { value: m, text: t };
          break;
        }
      }
    }
    const base = { name: sheet.name, hidden: sheet.hidden, rowCount: sheet.rows.length, titles };
    if (!header) {
      const message =
        sheet.cellCount === 0
          ? `Trang «${sheet.name}» trống: bỏ qua.`
          : `Trang «${sheet.name}» không có dòng tiêu đề cột nhận ra được: bỏ qua.`;
      sheetResults.push({
        analysis: {
          ...base,
          headerRow: null,
          lastHeaderRow: null,
          dataRows: 0,
          programme: 'BTXH',
          programmeSource: 'default',
          columns: [],
          message,
        },
        columns: {},
        groupTexts: [],
      });
      continue;
    }
    const { dataRows, groupTexts, samples } = scanSheet(sheet, header.lastHeaderRow, header.columns, groups, methods);
    const fieldOf = new Map(Object.entries(header.columns).map(([f, c]) => [c, f as ImportField]));
    sheetResults.push({
      analysis: {
        ...base,
        headerRow: header.row,
        lastHeaderRow: header.lastHeaderRow,
        dataRows,
        programme: 'BTXH',
        programmeSource: 'default',
        columns: header.headers.map((h) => ({
          column: h.column,
          letter: columnLetter(h.column),
          header: normalizeText(h.text),
          field: fieldOf.get(h.column) ?? null,
          samples: samples.get(h.column) ?? [],
        })),
        message: sheet.hidden
          ? `Trang «${sheet.name}» đang ẩn: không nhập trừ khi chọn.`
          : dataRows === 0
            ? `Trang «${sheet.name}» không có dòng đối tượng nào dưới dòng tiêu đề.`
            : null,
      },
      columns: header.columns,
      groupTexts,
    });
  }

  const usable = sheetResults.filter((s) => s.analysis.headerRow !== null);
  if (usable.length === 0) {
    const empty = parsed.every((s) => s.cellCount === 0);
    throw new ApiError(
      'INVALID_INPUT',
      empty
        ? 'Tệp không có dữ liệu.'
        : `Không tìm thấy dòng tiêu đề cột trong tệp (đã xem ${parsed.length} trang tính: ${parsed.map((s) => `«${s.name}»`).join(', ')}). ` +
            'Danh sách cần một dòng tiêu đề có ít nhất cột «Họ và tên» và hai cột khác như «Ngày sinh», «Số CCCD», «Đối tượng», «Mức trợ cấp».',
    );
  }
  for (const s of usable) {
    const p = detectProgramme({
      sheetName: s.analysis.name,
      titles: s.analysis.titles,
      groupTexts: s.groupTexts,
      columns: s.columns,
    });
    s.analysis.programme = p.programme;
    s.analysis.programmeSource = p.source;
  }
  const asOfMonth = month?.value ?? currentMonth(ctx.now);
  if (!month)
    messages.push(`Không thấy tháng trong tiêu đề tệp: tạm lấy tháng ${formatMonthVi(asOfMonth)} (sửa nếu cần).`);
  for (const s of sheetResults) if (s.analysis.message) messages.push(s.analysis.message);

  const nccSheets = new Set(usable.filter((s) => s.analysis.programme === 'NCC').map((s) => s.analysis.name));
  const groupProposals: ValueProposal<string>[] = [...groups.values()].map((t) => {
    const text = mainText(t);
    const onlyNcc = [...t.sheets].every((s) => nccSheets.has(s));
    let { target, reason } = proposeGroupTarget(text);
    if (onlyNcc && target !== 'NCC') {
      target = 'NCC';
      reason = 'Trang người có công: giữ nguyên tên diện, số tiền theo tệp.';
    }
    const coefficients = [...t.coefficients].sort((a, b) => a - b);
    if (target && target !== 'NCC' && coefficients.length) {
      const allowed = targetCoefficients(ref, target, asOfMonth);
      const odd = coefficients.filter(
        (c) => !allowed.includes(c) && !(target === 'BTXH-4' && allowed.some((a) => c % a === 0)),
      );
      if (odd.length)
        reason += ` Lưu ý: hệ số trong tệp ${odd.map(formatCoefficient).join(', ')} không thuộc nhóm này — kiểm tra.`;
    } else if (!target && coefficients.length) {
      const fits = groupTargets(ref, asOfMonth).filter(
        (g) => g.value !== 'NCC' && coefficients.every((c) => targetCoefficients(ref, g.value, asOfMonth).includes(c)),
      );
      if (fits.length)
        reason += ` Theo hệ số (${coefficients.map(formatCoefficient).join(', ')}) có thể là: ${fits.map((g) => g.value).join(', ')}.`;
    }
    return { text, count: t.count, sheets: [...t.sheets], target, reason, coefficients };
  });
  const methodProposals: ValueProposal<MethodTarget>[] = [...methods.values()].map((t) => {
    const text = mainText(t);
    let target = proposeMethodTarget(text);
    let reason = target ? METHOD_TARGET_LABELS[target] : 'Không nhận ra hình thức: hãy chọn.';
    if (!text) {
      target = t.withAccount * 2 > t.count ? 'ACCOUNT_AUTO' : 'CASH_WARD';
      reason =
        target === 'ACCOUNT_AUTO'
          ? 'Ô trống nhưng phần lớn các dòng có số tài khoản: chuyển khoản.'
          : 'Ô trống: tiền mặt tại UBND.';
    }
    return { text, count: t.count, sheets: [...t.sheets], target, reason };
  });
  const byCount = <T extends { count: number; text: string }>(a: T, b: T) =>
    b.count - a.count || a.text.localeCompare(b.text);

  const config: ImportConfig = {
    asOfMonth,
    sheets: sheetResults
      .filter((s) => s.analysis.headerRow !== null)
      .map((s) => ({
        name: s.analysis.name,
        include: !s.analysis.hidden && s.analysis.dataRows > 0,
        headerRow: s.analysis.headerRow!,
        lastHeaderRow: s.analysis.lastHeaderRow!,
        programme: s.analysis.programme,
        columns: s.columns,
      })),
    groups: groupProposals.sort(byCount).map((g) => ({ text: g.text, target: g.target })),
    methods: methodProposals.sort(byCount).map((m) => ({ text: m.text, target: m.target })),
    defaultBankCode: null,
    authorizationTerm: null,
  };
  // Issue 14: what the mapping lacks for the stated methods, said now rather than as row errors later.
  const missing = mappingIssues(config, methodProposals);
  messages.push(...missing.map((m) => m.message));
  const session = createSession({
    fileName: input.fileName,
    sha256,
    sizeBytes: bytes.length,
    sheets: parsed,
    cellCount: parsed.reduce((n, s) => n + s.cellCount, 0),
  });
  return {
    token: session.token,
    fileName: input.fileName,
    sha256,
    sizeBytes: bytes.length,
    expiresAt: sessionExpiresAt(session),
    asOfMonth: { value: asOfMonth, source: month ? 'title' : 'default', text: month?.text ?? null },
    sheets: sheetResults.map((s) => s.analysis),
    groups: groupProposals,
    methods: methodProposals,
    fields: IMPORT_FIELDS.map((f) => ({ key: f.key, label: f.label })),
    groupTargets: groupTargets(ref, asOfMonth),
    methodTargets: METHOD_TARGETS.map((m) => ({ value: m, label: METHOD_TARGET_LABELS[m] })),
    banks: banks.map((b) => ({ code: b.code, name: b.name })),
    config,
    messages,
    mappingIssues: missing,
  };
}

/** Beneficiary rows below the header: distinct group and method texts, and a few sample values per column. */
function scanSheet(
  sheet: ParsedSheet,
  lastHeaderRow: number,
  columns: Partial<Record<ImportField, number>>,
  groups: Map<string, Tally>,
  methods: Map<string, Tally>,
): { dataRows: number; groupTexts: string[]; samples: Map<number, string[]> } {
  const samples = new Map<number, string[]>();
  const groupTexts: string[] = [];
  let dataRows = 0;
  const at = (cells: ImportCellRow, f: ImportField) => (columns[f] ? cells[columns[f]! - 1] : undefined);
  for (let r = lastHeaderRow; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const kind = classifySheetRow(cells, columns);
    if (kind === 'footer') break;
    if (kind !== 'data') continue;
    dataRows++;
    cells.forEach((c, i) => {
      const t = normalizeText(cellText(c));
      const list = samples.get(i + 1) ?? [];
      if (t && list.length < 3 && !list.includes(t)) samples.set(i + 1, [...list, t]);
    });
    if (columns.group !== undefined) {
      const text = normalizeText(cellText(at(cells, 'group')));
      if (text) {
        const t = tallyValue(groups, text, sheet.name);
        if (t.count === 1) groupTexts.push(text);
        const coef = parseCoefficientCell(at(cells, 'coefficient')).value;
        if (coef !== null) t.coefficients.add(coef);
      }
    }
    const m = tallyValue(methods, normalizeText(cellText(at(cells, 'method'))), sheet.name);
    if (parseAccountNumber(at(cells, 'accountNumber')).value) m.withAccount++;
  }
  return { dataRows, groupTexts, samples };
}

type ImportCellRow = ParsedSheet['rows'][number];
