import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type {
  ImportConfig,
  ImportIssue,
  ImportPreview,
  ImportPreviewRow,
  ImportSheetPreview,
} from '@shared/api/import';
import type { PayoutMethodCode } from '@shared/api/register';
import { coefficientMonthly, groupForAge, inForce, standardLevelAt, type GroupInfo } from '@shared/domain/allowance';
import { validateCitizenId } from '@shared/domain/citizen-id';
import {
  ageInYearsAtMonthEnd,
  birthYear,
  formatBirthDate,
  formatMonthVi,
  type BirthDate,
  type Month,
} from '@shared/domain/dates';
import {
  bankCodeOf,
  cellText,
  cellValue,
  classifySheetRow,
  cleanName,
  evaluateSum,
  formatCoefficient,
  headerKey,
  isFormula,
  parseAccountNumber,
  parseAmountCell,
  parseBirthCell,
  parseCoefficientCell,
  parseDateCell,
  parseGender,
  proposeGroupTarget,
  proposeMethodTarget,
  repairCitizenId,
  valueKey,
  FIELD_LABELS,
  type ImportCell,
  type ImportField,
  type ImportProgramme,
  type MethodTarget,
} from '@shared/domain/import-mapping';
import { formatVnd } from '@shared/domain/money';
import { foldForSearch, normalizeText } from '@shared/domain/text';
import { maskIdentifier } from '@shared/domain/masking';
import { LEGACY_DECISION_NUMBER } from '@shared/domain/labels';
import { unsafeTextKind, unsafeTextMessage } from '@shared/domain/safe-text';
import { loadReference, type ReferenceTables } from '../register/amounts';
import type { ImportSession } from './sessions';
import type { ParsedSheet } from './workbook';
import { activeBanks, existingPeople, type BankRef, type ExistingPeople, type ExistingPerson } from './queries';

// Checks every row of an import against the rules and the register, without writing: the same code
// serves import.preview (all at once) and the commit job (in chunks, between which it reports progress
// and checks Cancel). What it produces for each accepted row is exactly what the write will store.

/** Cells whose text the register stores (as a person's, a decision's or a payout's text). */
const STORED_TEXT_FIELDS: readonly ImportField[] = [
  'fullName',
  'idIssuePlace',
  'address',
  'neighbourhood',
  'group',
  'branch',
  'receiver',
  'relationship',
  'decisionNumber',
  'note',
];

export { LEGACY_DECISION_NUMBER };

export type { BankRef };

export interface PersonData {
  fullName: string;
  birth: BirthDate | null;
  gender: 'male' | 'female' | null;
  citizenId: string | null;
  legacyId: string | null;
  idIssueDate: string | null;
  idIssuePlace: string;
  address: string;
  neighbourhood: string;
  phone: string;
  note: string;
}

export interface PayoutData {
  method: PayoutMethodCode;
  bankCode: string | null;
  accountNumber: string | null;
  branch: string;
  receiverName: string | null;
  relationship: string;
  /** Authorized account: the authorization's term (issue 14: from a column, one date for the file, or the chosen default). */
  validFrom: string | null;
  validTo: string | null;
  termAssumed: boolean;
}

export interface CheckedRow {
  view: ImportPreviewRow;
  /** Rows of one person (same citizen ID in a BTXH and an NCC sheet) share this key. */
  personKey: string;
  person: PersonData;
  programme: 'BTXH' | 'NCC' | 'HTXH';
  groupCode: string | null;
  multiplier: number;
  categoryLabel: string;
  /** NCC: the recorded monthly amount (a 'main' component). */
  componentVnd: number | null;
  decision: { number: string; signedDate: string | null };
  payout: PayoutData;
  /** Why this row blocks the whole import (issue 14: its method cannot be honoured, or its authorization has no term), or null. */
  blocking: string | null;
  /** Written as cash by the officer's choice «ghi tiền mặt, sửa sau». */
  cashByChoice: boolean;
  /** The stated method cannot be honoured (the reason), chosen or not. */
  unpayableReason: string | null;
}

export interface CheckedImport {
  asOfMonth: Month;
  /** The whole file's authorization term choice (issue 14), for the audit entry. */
  authorizationTerm: ImportConfig['authorizationTerm'] | null;
  rows: CheckedRow[];
  sheets: ImportSheetPreview[];
}

const fmtVnd = (n: number) => `${formatVnd(n)} đồng`;

interface SheetState {
  sheet: ParsedSheet;
  config: ImportConfig['sheets'][number];
  stats: ImportSheetPreview;
  footerSeen: boolean;
  totals: Array<{ row: number; grand: boolean; value: number | null }>;
}

/** Checks a config against the parsed file and the reference data; throws INVALID_INPUT in Vietnamese. */
function checkConfig(config: ImportConfig, session: ImportSession, ref: ReferenceTables, banks: BankRef[]): void {
  const bad = (path: string, message: string): never => {
    throw new ApiError('INVALID_INPUT', message, [{ path, message }]);
  };
  const names = new Set<string>();
  config.sheets.forEach((s, i) => {
    const sheet = session.sheets.find((p) => p.name === s.name);
    if (!sheet) bad(`config.sheets.${i}.name`, `Tệp không có trang «${s.name}».`);
    if (names.has(s.name)) bad(`config.sheets.${i}.name`, `Trang «${s.name}» được khai báo hai lần.`);
    names.add(s.name);
    if (!s.include) return;
    if (s.columns.fullName === undefined)
      bad(`config.sheets.${i}.columns`, `Trang «${s.name}»: chưa chọn cột «Họ và tên».`);
    const used = new Map<number, string>();
    for (const [field, column] of Object.entries(s.columns)) {
      if (column === undefined) continue;
      if (used.has(column))
        bad(`config.sheets.${i}.columns`, `Trang «${s.name}»: cột ${column} được chọn cho hai trường.`);
      used.set(column, field);
    }
  });
  if (!config.sheets.some((s) => s.include)) bad('config.sheets', 'Chưa chọn trang tính nào để nhập.');
  config.groups.forEach((g, i) => {
    if (g.target === null || g.target === 'NCC') return;
    const group = ref.groups.get(g.target);
    const family = ref.families.get(g.target);
    const programme = group?.programme ?? family?.[0]?.programme;
    if (!programme || !['BTXH', 'HTXH'].includes(programme))
      bad(`config.groups.${i}.target`, `Nhóm «${g.target}» không có trong danh mục nhóm đối tượng.`);
  });
  if (config.defaultBankCode && !banks.some((b) => b.code === config.defaultBankCode)) {
    bad('config.defaultBankCode', `Ngân hàng «${config.defaultBankCode}» không có trong danh mục.`);
  }
}

export function loadBanks(store: Store): BankRef[] {
  return activeBanks(store);
}

export class ImportChecker {
  readonly asOfMonth: Month;
  private readonly ref: ReferenceTables;
  private readonly banks: BankRef[];
  private readonly states: SheetState[];
  private readonly groupMap = new Map<string, string | null>();
  private readonly methodMap = new Map<string, MethodTarget | null>();
  /** Rows the officer chose to write as cash («ghi tiền mặt, sửa sau»): 'sheet|row'. */
  private readonly cashChosen: ReadonlySet<string>;
  private readonly rows: CheckedRow[] = [];
  /** Citizen ID → the row that first carried it, per programme. */
  private readonly seenIds = new Map<
    string,
    { sheet: string; row: number; nameKey: string; programmes: Map<string, { sheet: string; row: number }> }
  >();
  private readonly seenNameBirth = new Map<
    string,
    { sheet: string; row: number; programmes: Set<string>; personKey: string }
  >();
  private readonly existing: ExistingPeople;
  private sheetIndex = 0;
  private rowIndex = 0;
  readonly total: number;
  private processed = 0;

  constructor(
    private readonly store: Store,
    session: ImportSession,
    private readonly config: ImportConfig,
  ) {
    this.asOfMonth = config.asOfMonth;
    this.ref = loadReference(store);
    this.banks = loadBanks(store);
    checkConfig(config, session, this.ref, this.banks);
    for (const g of config.groups) this.groupMap.set(valueKey(g.text), g.target);
    for (const m of config.methods) this.methodMap.set(valueKey(m.text), m.target);
    this.cashChosen = new Set((config.cashForUnpayable ?? []).map((r) => `${r.sheet}|${r.row}`));
    this.states = config.sheets
      .filter((s) => s.include)
      .map((s) => {
        const sheet = session.sheets.find((p) => p.name === s.name)!;
        return {
          sheet,
          config: s,
          footerSeen: false,
          totals: [],
          stats: {
            name: s.name,
            programme: s.programme,
            rows: 0,
            ok: 0,
            warning: 0,
            error: 0,
            exists: 0,
            fileRowsTotalVnd: 0,
            fileStatedTotalVnd: null,
            fileStatedTotalRow: null,
            textAmountCells: 0,
            computedTotalVnd: 0,
            totalMessage: null,
          },
        };
      });
    this.total = this.states.reduce((n, s) => n + Math.max(0, s.sheet.rows.length - this.firstDataIndex(s)), 0);
    this.rowIndex = this.states[0] ? this.firstDataIndex(this.states[0]) : 0;
    this.existing = existingPeople(store);
  }

  /** 0-based index of the first row below the header (and below a second header row, if any). */
  private firstDataIndex(s: SheetState): number {
    return Math.max(s.config.headerRow, s.config.lastHeaderRow ?? 0);
  }

  get done(): number {
    return this.processed;
  }

  get finished(): boolean {
    return this.sheetIndex >= this.states.length;
  }

  /** Checks up to `count` more sheet rows; true when every row has been checked. */
  step(count: number): boolean {
    let left = count;
    while (left > 0 && !this.finished) {
      const state = this.states[this.sheetIndex]!;
      if (this.rowIndex >= state.sheet.rows.length) {
        this.finishSheet(state);
        this.sheetIndex++;
        const next = this.states[this.sheetIndex];
        if (next) this.rowIndex = this.firstDataIndex(next);
        continue;
      }
      const cells = state.sheet.rows[this.rowIndex]!;
      this.checkSheetRow(state, this.rowIndex + 1, cells);
      this.rowIndex++;
      this.processed++;
      left--;
    }
    return this.finished;
  }

  result(): CheckedImport {
    while (!this.step(10_000));
    return {
      asOfMonth: this.asOfMonth,
      authorizationTerm: this.config.authorizationTerm ?? null,
      rows: this.rows,
      sheets: this.states.map((s) => s.stats),
    };
  }

  // ---- one sheet row --------------------------------------------------------------------------------

  private checkSheetRow(state: SheetState, rowNumber: number, cells: ImportCell[]): void {
    if (state.footerSeen) return;
    const columns = state.config.columns;
    const kind = classifySheetRow(cells, columns);
    if (kind === 'footer') {
      // Signature blocks end the list: the names typed under "Người lập biểu" are not beneficiaries.
      state.footerSeen = true;
      return;
    }
    if (kind === 'total') {
      this.recordTotal(state, rowNumber, cells);
      return;
    }
    if (kind !== 'data') return;
    const row = this.checkPersonRow(state, rowNumber, cells);
    this.rows.push(row);
    const stats = state.stats;
    stats.rows++;
    stats[row.view.status]++;
    if (row.view.fileAmountVnd !== null) stats.fileRowsTotalVnd += row.view.fileAmountVnd;
    if (row.view.status !== 'error' && row.view.computedVnd !== null) stats.computedTotalVnd += row.view.computedVnd;
  }

  private recordTotal(state: SheetState, rowNumber: number, cells: ImportCell[]): void {
    const column = state.config.columns.amount;
    const grand = cells.some((c) => /^(tong cong|tong so)/.test(headerKey(cellText(c))));
    let value: number | null = null;
    if (column !== undefined) {
      const cell = cells[column - 1];
      const v = cellValue(cell);
      if (typeof v === 'number') value = v;
      else if (typeof v === 'string') value = parseAmountCell(v).value;
      if (value === null && cell !== undefined && isFormula(cell)) {
        value = evaluateSum(cell.formula, (r, c) => state.sheet.rows[r - 1]?.[c - 1]);
      }
    }
    state.totals.push({ row: rowNumber, grand, value });
  }

  private finishSheet(state: SheetState): void {
    const stated = state.totals.filter((t) => t.grand).pop() ?? state.totals[state.totals.length - 1];
    const stats = state.stats;
    if (!stated) return;
    stats.fileStatedTotalRow = stated.row;
    stats.fileStatedTotalVnd = stated.value;
    if (stated.value === null) {
      stats.totalMessage = `Trang «${stats.name}»: không đọc được số tiền ở dòng tổng cộng (dòng ${stated.row}); sổ dùng tổng cộng từ từng dòng (${fmtVnd(stats.fileRowsTotalVnd)}).`;
    } else if (stated.value !== stats.fileRowsTotalVnd) {
      const diff = stats.fileRowsTotalVnd - stated.value;
      const why =
        stats.textAmountCells > 0
          ? ` ${stats.textAmountCells} ô số tiền được gõ dạng chữ (ví dụ «750.000») nên công thức SUM của Excel bỏ qua.`
          : '';
      stats.totalMessage =
        `Trang «${stats.name}»: dòng tổng cộng của tệp (dòng ${stated.row}) ghi ${fmtVnd(stated.value)}, nhưng cộng từng dòng được ${fmtVnd(stats.fileRowsTotalVnd)} ` +
        `(chênh ${fmtVnd(Math.abs(diff))}).${why} Sổ dùng tổng cộng tính từ từng dòng.`;
    }
  }

  private groupTarget(text: string, sheetProgramme: ImportProgramme): string | null {
    const key = valueKey(text);
    if (this.groupMap.has(key)) return this.groupMap.get(key) ?? null;
    // Not in the config at all (a config written by hand): the same proposal analyze makes.
    if (sheetProgramme === 'NCC') return 'NCC';
    return proposeGroupTarget(text).target;
  }

  private methodTarget(text: string): MethodTarget | null {
    const key = valueKey(text);
    if (this.methodMap.has(key)) return this.methodMap.get(key) ?? null;
    return key === '' ? 'CASH_WARD' : proposeMethodTarget(text);
  }

  private coefficientAt(code: string): number | null {
    return inForce(this.ref.coefficients.get(code) ?? [], this.asOfMonth)?.milli ?? null;
  }

  private checkPersonRow(state: SheetState, rowNumber: number, cells: ImportCell[]): CheckedRow {
    const columns = state.config.columns;
    const at = (f: ImportField): ImportCell | undefined => (columns[f] ? cells[columns[f]! - 1] : undefined);
    const text = (f: ImportField): string => normalizeText(cellText(at(f)));
    const issues: ImportIssue[] = [];
    const error = (path: string, message: string) => issues.push({ level: 'error', path, message });
    const warn = (path: string, message: string) => issues.push({ level: 'warning', path, message });
    // Issue 14: errors that block the whole import (not just skip the row) until the officer resolves them.
    const blockingIssues = new Set<ImportIssue>();
    const blockingError = (path: string, message: string) => {
      const issue: ImportIssue = { level: 'error', path, message };
      issues.push(issue);
      blockingIssues.add(issue);
    };
    let unpayableReason: string | null = null;
    let cashByChoice = false;
    const chosen = this.cashChosen.has(`${state.config.name}|${rowNumber}`);
    const unpayable = (path: string, problem: string, label: string): void => {
      unpayableReason = problem;
      if (chosen) {
        cashByChoice = true;
        warn(
          path,
          `${problem}: ghi tiền mặt tại UBND theo lựa chọn «ghi tiền mặt, sửa sau» (sửa hình thức nhận sau khi nhập).`,
        );
      } else {
        blockingError(
          path,
          `${problem}: không chi được theo hình thức ${label}. Sửa tệp, chọn đúng cột, hoặc đánh dấu «ghi tiền mặt, sửa sau» cho các dòng này.`,
        );
      }
    };
    const month = this.asOfMonth;
    const monthVi = formatMonthVi(month);

    // The stored-text rule of every form (shared/domain/safe-text.ts): a cell with control, bidi or
    // invisible characters, or starting with a formula character, is an error row, never stored quietly.
    for (const field of STORED_TEXT_FIELDS) {
      const raw = cellText(at(field));
      if (!raw) continue;
      const unsafe = unsafeTextKind(raw, normalizeText(raw));
      if (unsafe) error(field, unsafeTextMessage(`Cột «${FIELD_LABELS[field]}»`, unsafe));
    }

    // Identity
    const name = cleanName(cellText(at('fullName')));
    if (name.error) error('fullName', name.error);
    if (name.warning) warn('fullName', name.warning);
    const birthParsed = parseBirthCell(at('birthDate'), Number(month.slice(0, 4)));
    if (birthParsed.error) error('birthDate', birthParsed.error);
    if (birthParsed.warning) warn('birthDate', birthParsed.warning);
    const birth = birthParsed.value;
    if (!birth && !birthParsed.error) warn('birthDate', 'Thiếu ngày sinh.');
    const genderParsed = parseGender(text('gender'));
    if (genderParsed.warning) warn('gender', genderParsed.warning);
    let gender = genderParsed.value;

    const idCell = repairCitizenId(at('citizenId'));
    const legacyCell = repairCitizenId(at('legacyId'));
    let citizenId: string | null = null;
    const rawId =
      idCell.citizenId ?? (legacyCell.citizenId && legacyCell.citizenId.length === 12 ? legacyCell.citizenId : null);
    const legacyId = idCell.legacyId ?? legacyCell.legacyId ?? null;
    if (idCell.warning) warn('citizenId', idCell.warning);
    if (legacyCell.citizenId && !legacyCell.legacyId && legacyCell.citizenId.length !== 12) {
      warn('legacyId', `Số CMND cũ «${legacyCell.citizenId}» không đủ 9 chữ số: bỏ qua.`);
    }
    if (rawId) {
      const v = validateCitizenId(rawId, {
        birthYear: birth ? birthYear(birth) : undefined,
        gender: gender ?? undefined,
      });
      for (const e of v.errors) error('citizenId', `Số định danh ${rawId}: ${e.message}`);
      for (const w of v.warnings) warn('citizenId', w.message);
      if (v.ok) {
        citizenId = v.normalized;
        if (!gender && v.decoded) {
          gender = v.decoded.gender;
          warn('gender', `Không ghi giới tính: lấy theo số định danh (${gender === 'male' ? 'nam' : 'nữ'}).`);
        }
      }
    } else if (!legacyId) {
      warn('citizenId', 'Chưa có số định danh cá nhân: cần bổ sung để kết nối dữ liệu dân cư (Đề án 06).');
    }

    let phone = text('phone').replace(/[^\d+ .]/g, '');
    const phoneValue = cellValue(at('phone'));
    if (typeof phoneValue === 'number' && /^[1-9]\d{8}$/.test(phone)) {
      warn('phone', `Số điện thoại lưu dạng số nên mất số 0 đầu: đã ghi 0${phone}.`);
      phone = `0${phone}`;
    }
    const idIssue = parseDateCell(at('idIssueDate'));
    if (idIssue.error) warn('idIssueDate', `${idIssue.error} Bỏ qua ngày cấp.`);

    // Programme, group and amount
    const groupText = text('group');
    const target = groupText
      ? this.groupTarget(groupText, state.config.programme)
      : state.config.programme === 'NCC'
        ? 'NCC'
        : null;
    const amount = parseAmountCell(at('amount'));
    if (amount.error) error('amount', amount.error);
    if (amount.warning) warn('amount', amount.warning);
    if (amount.fromText) state.stats.textAmountCells++;
    const fileCoef = parseCoefficientCell(at('coefficient'));
    if (fileCoef.warning) warn('coefficient', fileCoef.warning);

    let programme: CheckedRow['programme'] | null = null;
    let groupCode: string | null = null;
    let coefficientMilli: number | null = null;
    let multiplier = 1;
    let computed: number | null = null;
    let componentVnd: number | null = null;
    if (target === null) {
      error(
        'group',
        groupText ? `Chưa chọn nhóm đối tượng cho «${groupText}».` : 'Thiếu nhóm đối tượng (cột đối tượng/diện trống).',
      );
    } else if (target === 'NCC') {
      programme = 'NCC';
      if (!groupText) warn('group', 'Không ghi diện người có công.');
      if (amount.value === null || amount.value <= 0) {
        if (!amount.error)
          error('amount', 'Thiếu số tiền trợ cấp (người có công: ghi số tiền theo quyết định của Sở).');
      } else {
        componentVnd = amount.value;
        computed = amount.value;
      }
    } else {
      const resolved = this.resolveGroup(target, birth, fileCoef.value);
      programme = resolved.programme;
      if (resolved.error) error('group', resolved.error);
      else {
        groupCode = resolved.group!.code;
        coefficientMilli = resolved.coefficientMilli;
        const age = birth ? ageInYearsAtMonthEnd(birth, month) : null;
        if (resolved.note) warn('group', resolved.note);
        const g = resolved.group!;
        if (age !== null && ((g.ageMax !== null && age >= g.ageMax) || (g.ageMin !== null && age < g.ageMin))) {
          warn(
            'birthDate',
            `Tuổi ${age} tại tháng ${monthVi} ngoài độ tuổi của nhóm ${g.code} (${this.ref.groups.get(g.code)?.label ?? ''}): xem xét điều chỉnh hoặc thôi hưởng.`,
          );
        }
        if (
          g.clause === '5.4' &&
          fileCoef.value !== null &&
          coefficientMilli !== null &&
          fileCoef.value > coefficientMilli &&
          fileCoef.value % coefficientMilli === 0
        ) {
          multiplier = fileCoef.value / coefficientMilli;
          warn(
            'coefficient',
            `Hệ số ${formatCoefficient(fileCoef.value)} = ${multiplier} con × ${formatCoefficient(coefficientMilli)}: ghi hưởng cho ${multiplier} con đang nuôi.`,
          );
        }
        const standard = standardLevelAt(this.ref.levels, g.programme, month);
        if (coefficientMilli === null || standard === undefined) {
          error('group', `Chưa có hệ số hoặc mức chuẩn của nhóm ${g.code} cho tháng ${monthVi}.`);
        } else {
          computed = coefficientMonthly(standard, coefficientMilli, multiplier);
          const ageText = age !== null ? `, tuổi ${age} tại tháng ${monthVi}` : '';
          if (fileCoef.value !== null && fileCoef.value !== coefficientMilli * multiplier) {
            warn(
              'coefficient',
              `Hệ số trong tệp ${formatCoefficient(fileCoef.value)} khác hệ số theo quy định ${formatCoefficient(coefficientMilli * multiplier)} (nhóm ${g.code}${ageText}).`,
            );
          }
          if (amount.value !== null && amount.value !== computed) {
            warn(
              'amount',
              `Số tiền trong tệp ${fmtVnd(amount.value)} khác số tiền tính theo quy định ${fmtVnd(computed)} (nhóm ${g.code}: hệ số ${formatCoefficient(coefficientMilli * multiplier)} × mức chuẩn ${fmtVnd(standard)}${ageText}). Sổ sẽ chi theo số tiền tính theo quy định.`,
            );
          }
        }
      }
    }

    // Decision
    const decisionNumber = text('decisionNumber') || LEGACY_DECISION_NUMBER;
    const decisionDate = parseDateCell(at('decisionDate'));
    if (decisionDate.error) warn('decisionDate', `${decisionDate.error} Bỏ qua ngày quyết định.`);

    // Payout method
    const methodText = text('method');
    const payout = this.resolvePayout(methodText, at, text, name.value, warn, error, unpayable, blockingError);

    // Duplicates inside the file, then the register
    const nameKey = foldForSearch(name.value);
    const birthKey = birth ? `${birth.precision}:${birth.value}` : '';
    let personKey = `row:${state.config.name}:${rowNumber}`;
    if (citizenId && programme) {
      const seen = this.seenIds.get(citizenId);
      const here = { sheet: state.config.name, row: rowNumber };
      const same = seen?.programmes.get(programme);
      if (same) {
        error(
          'citizenId',
          `Trùng số định danh ${citizenId} với dòng ${same.row} (trang ${same.sheet}): mỗi người chỉ một dòng cho một chế độ.`,
        );
      } else if (seen && seen.nameKey !== nameKey) {
        error('citizenId', `Số định danh ${citizenId} đã có ở dòng ${seen.row} (trang ${seen.sheet}) với họ tên khác.`);
      } else if (seen) {
        seen.programmes.set(programme, here);
      } else {
        this.seenIds.set(citizenId, { ...here, nameKey, programmes: new Map([[programme, here]]) });
      }
      personKey = `id:${citizenId}`;
      const key = `${nameKey}|${birthKey}`;
      if (nameKey && birthKey && !this.seenNameBirth.has(key)) {
        this.seenNameBirth.set(key, {
          sheet: state.config.name,
          row: rowNumber,
          programmes: new Set([programme]),
          personKey,
        });
      }
    } else if (nameKey && birthKey && programme) {
      const key = `${nameKey}|${birthKey}`;
      const seen = this.seenNameBirth.get(key);
      if (seen && seen.programmes.has(programme)) {
        warn('fullName', `Có thể trùng người với dòng ${seen.row} (trang ${seen.sheet}): cùng họ tên và ngày sinh.`);
      } else if (seen) {
        // The same person in another programme's sheet (one record, two entitlements).
        seen.programmes.add(programme);
        personKey = seen.personKey;
      } else {
        personKey = `nb:${key}`;
        this.seenNameBirth.set(key, {
          sheet: state.config.name,
          row: rowNumber,
          programmes: new Set([programme]),
          personKey,
        });
      }
    }

    // Only blocking errors: the row is importable once they are resolved; someone already in the register is
    // skipped whatever their method says, so those errors do not block.
    const onlyBlocking = blockingIssues.size > 0 && issues.every((i) => i.level !== 'error' || blockingIssues.has(i));
    let existing: ExistingPerson | undefined;
    if (!issues.some((i) => i.level === 'error') || onlyBlocking)
      existing = this.findExisting(citizenId, nameKey, birth);
    if (existing && onlyBlocking) {
      for (let i = issues.length - 1; i >= 0; i--) if (blockingIssues.has(issues[i]!)) issues.splice(i, 1);
      blockingIssues.clear();
    }
    const hasError = issues.some((i) => i.level === 'error');
    const blocking = onlyBlocking && !existing ? [...blockingIssues].map((i) => i.message).join(' ') : null;
    if (existing) {
      const note = existing.death_date
        ? ' (đã từ trần)'
        : programme && !this.existing.hasOpenEntitlement(existing.id, programme)
          ? ' (chưa hưởng chế độ này — thêm bằng quyết định trong hồ sơ người này)'
          : '';
      // Masked: a crafted row (a name and birth date) must not read a registered person's ID back.
      warn(
        '',
        `Đã có trong sổ: ${existing.full_name}${existing.citizen_id ? `, số định danh ${maskIdentifier(existing.citizen_id)}` : ''}${note}. Dòng này được bỏ qua.`,
      );
    }
    const status = hasError ? 'error' : existing ? 'exists' : issues.length ? 'warning' : 'ok';
    // Errors first, then warnings, each in the order found.
    issues.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));

    return {
      view: {
        sheet: state.config.name,
        row: rowNumber,
        status,
        issues,
        fullName: name.value,
        birth: birth ? formatBirthDate(birth) : '',
        gender,
        citizenId: citizenId ?? rawId ?? null,
        programme,
        groupText,
        groupCode,
        coefficientMilli: coefficientMilli === null ? null : coefficientMilli * multiplier,
        methodText,
        method: payout?.method ?? null,
        fileAmountVnd: amount.value,
        computedVnd: computed,
        existingPersonId: existing?.id ?? null,
        unpayable: unpayableReason !== null && !existing,
      },
      blocking,
      cashByChoice: cashByChoice && !existing,
      unpayableReason: existing ? null : unpayableReason,
      personKey,
      person: {
        fullName: name.value,
        birth,
        gender,
        citizenId,
        legacyId,
        idIssueDate: idIssue.value,
        idIssuePlace: text('idIssuePlace'),
        address: text('address'),
        neighbourhood: text('neighbourhood'),
        phone: phone.trim(),
        note: text('note'),
      },
      programme: programme ?? 'BTXH',
      groupCode,
      multiplier,
      categoryLabel: programme === 'NCC' ? groupText : '',
      componentVnd,
      decision: { number: decisionNumber.slice(0, 60), signedDate: decisionDate.value },
      payout: payout ?? {
        method: 'CASH_WARD',
        bankCode: null,
        accountNumber: null,
        branch: '',
        receiverName: null,
        relationship: '',
        validFrom: null,
        validTo: null,
        termAssumed: false,
      },
    };
  }

  /**
   * The group applied at the import month: within the target's family by age (as the payroll will),
   * or, when the birth date is unknown, the family member whose coefficient is the file's Hệ số.
   */
  private resolveGroup(
    target: string,
    birth: BirthDate | null,
    fileCoefMilli: number | null,
  ): { programme: 'BTXH' | 'HTXH'; group?: GroupInfo; coefficientMilli: number | null; error?: string; note?: string } {
    const direct = this.ref.groups.get(target);
    const members = direct ? (this.ref.families.get(direct.family) ?? [direct]) : (this.ref.families.get(target) ?? []);
    const recorded = direct ?? members[0];
    const programme = (recorded?.programme === 'HTXH' ? 'HTXH' : 'BTXH') as 'BTXH' | 'HTXH';
    if (!recorded) return { programme, coefficientMilli: null, error: `Nhóm «${target}» không có trong danh mục.` };
    const age = birth ? ageInYearsAtMonthEnd(birth, this.asOfMonth) : null;
    if (age !== null) {
      const group = groupForAge(recorded, members, age);
      return { programme, group, coefficientMilli: this.coefficientAt(group.code) };
    }
    if (members.length <= 1) return { programme, group: recorded, coefficientMilli: this.coefficientAt(recorded.code) };
    const byCoef =
      fileCoefMilli === null ? undefined : members.find((m) => this.coefficientAt(m.code) === fileCoefMilli);
    if (byCoef) {
      return {
        programme,
        group: byCoef,
        coefficientMilli: fileCoefMilli,
        note: `Không có ngày sinh: chọn nhóm ${byCoef.code} theo hệ số ${formatCoefficient(fileCoefMilli!)} trong tệp.`,
      };
    }
    return {
      programme,
      coefficientMilli: null,
      error: `Cần ngày sinh (hoặc hệ số) để xác định nhóm trong «${target}» (${members.map((m) => m.code).join('/')}).`,
    };
  }

  private resolvePayout(
    methodText: string,
    at: (f: ImportField) => ImportCell | undefined,
    text: (f: ImportField) => string,
    personName: string,
    warn: (path: string, message: string) => void,
    error: (path: string, message: string) => void,
    unpayable: (path: string, problem: string, label: string) => void,
    blockingError: (path: string, message: string) => void,
  ): PayoutData | null {
    const target = this.methodTarget(methodText);
    if (target === null) {
      error('method', `Chưa chọn hình thức nhận cho «${methodText}».`);
      return null;
    }
    const receiver = text('receiver');
    const relationship = text('relationship');
    const cash = (method: PayoutMethodCode = 'CASH_WARD'): PayoutData => ({
      method,
      bankCode: null,
      accountNumber: null,
      branch: '',
      receiverName: null,
      relationship: '',
      validFrom: null,
      validTo: null,
      termAssumed: false,
    });
    let method: PayoutMethodCode =
      target === 'ACCOUNT_AUTO' ? (receiver ? 'AUTHORIZED_ACCOUNT' : 'OWN_ACCOUNT') : target;
    if (method === 'CASH_WARD' || method === 'POST_OFFICE') return cash(method);
    const label = methodText ? `«${methodText}»` : 'chuyển khoản';
    // Issue 14: a method the row states but that cannot be honoured is never turned into cash quietly: it
    // blocks the import until fixed, mapped, or written as cash by the officer's explicit choice.
    if (method === 'AUTHORIZED_ACCOUNT') {
      if (!receiver) {
        unpayable(
          'receiver',
          'Dòng ghi nhận qua tài khoản người được ủy quyền nhưng không có tên người được ủy quyền',
          label,
        );
        return cash();
      }
      if (foldForSearch(receiver) === foldForSearch(personName)) {
        warn('receiver', 'Người được ủy quyền trùng tên người hưởng: ghi là tài khoản cá nhân.');
        method = 'OWN_ACCOUNT';
      }
    }
    const account = parseAccountNumber(at('accountNumber'));
    const bankText = text('bank');
    let bankCode = bankCodeOf(bankText, this.banks);
    let defaultBankUsed = false;
    if (!bankText && this.config.defaultBankCode) {
      bankCode = this.config.defaultBankCode;
      defaultBankUsed = true;
    }
    const bank = this.banks.find((b) => b.code === bankCode);
    let problem: string | null = null;
    if (account.error) problem = account.error.replace(/[.\s]+$/, '');
    else if (!account.value) problem = 'Thiếu số tài khoản';
    else if (!bank) problem = bankText ? `Ngân hàng «${bankText}» không có trong danh mục` : 'Thiếu ngân hàng';
    else if (account.value.length < bank.min || account.value.length > bank.max) {
      const rule = bank.min === bank.max ? `${bank.min}` : `từ ${bank.min} đến ${bank.max}`;
      problem = `Số tài khoản ${bank.code} phải có ${rule} chữ số (đang có ${account.value.length}: ${account.value})`;
    }
    if (problem) {
      unpayable('accountNumber', problem, label);
      return cash();
    }
    if (account.numeric)
      warn('accountNumber', 'Số tài khoản lưu dạng số trong Excel: kiểm tra lại, có thể đã mất số 0 ở đầu.');
    if (defaultBankUsed) warn('bank', `Không ghi ngân hàng: dùng ngân hàng mặc định ${bankCode}.`);
    const payout: PayoutData = {
      ...cash(method),
      bankCode: bank!.code,
      accountNumber: account.value!,
      branch: text('branch'),
    };
    if (method === 'AUTHORIZED_ACCOUNT') {
      payout.receiverName = receiver;
      payout.relationship = relationship || 'Chưa ghi';
      if (!relationship) warn('relationship', 'Không ghi quan hệ của người được ủy quyền với người hưởng.');
      // The term: the row's own (a mapped column), else one date for the whole file, else the one-year default
      // if (and only if) the officer chose it; otherwise the import asks (issue 14).
      const from = `${this.asOfMonth}-01`;
      const cell = parseDateCell(at('authorizationValidTo'));
      const fileTerm = this.config.authorizationTerm ?? null;
      let validTo: string | null = cell.value;
      if (cell.error) warn('authorizationValidTo', `Thời hạn ủy quyền: ${cell.error}`);
      if (!validTo && fileTerm?.kind === 'date') validTo = fileTerm.validTo;
      if (!validTo && fileTerm?.kind === 'default') {
        validTo = authorizationTerm(this.asOfMonth).to;
        payout.termAssumed = true;
        warn(
          'authorizationValidTo',
          `Không ghi thời hạn ủy quyền: ghi giả định 1 năm, đến ${validTo.split('-').reverse().join('/')} (theo lựa chọn) — kiểm tra giấy ủy quyền.`,
        );
      }
      if (!validTo) {
        blockingError(
          'authorizationValidTo',
          'Chưa có thời hạn ủy quyền: chọn cột thời hạn ủy quyền, nhập một ngày hết hạn cho cả tệp, hoặc chọn giả định một năm.',
        );
        return payout;
      }
      if (validTo < from) {
        unpayable(
          'authorizationValidTo',
          `Giấy ủy quyền đã hết hạn ngày ${validTo.split('-').reverse().join('/')}, trước tháng của danh sách`,
          label,
        );
        return cash();
      }
      payout.validFrom = from;
      payout.validTo = validTo;
    }
    return payout;
  }

  /** Already in the register: same citizen ID; else same folded name and compatible birth, and no other ID. */
  findExisting(citizenId: string | null, nameKey: string, birth: BirthDate | null): ExistingPerson | undefined {
    if (citizenId) {
      const byId = this.existing.byCitizenId(citizenId);
      if (byId) return byId;
    }
    if (!nameKey) return undefined;
    if (birth) {
      const candidates = this.existing.byNameYear(nameKey, birthYear(birth));
      return candidates.find(
        (p) =>
          // Two different citizen IDs are two people, whatever their names.
          (citizenId === null || p.citizen_id === null || p.citizen_id === citizenId) &&
          (p.birth_precision === 'year' || birth.precision === 'year' || p.birth_date === birth.value),
      );
    }
    if (citizenId) return undefined;
    return this.existing.byNameNoBirth(nameKey);
  }
}

/** Assumed authorization term when the file has none: from the import month's first day, for one year. */
export function authorizationTerm(month: Month): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const end = new Date(Date.UTC(y + 1, m - 1, 1) - 86_400_000);
  const to = `${end.getUTCFullYear()}-${String(end.getUTCMonth() + 1).padStart(2, '0')}-${String(end.getUTCDate()).padStart(2, '0')}`;
  return { from, to };
}

// ---- the preview -----------------------------------------------------------------------------------

export function toPreview(checked: CheckedImport): ImportPreview {
  const counts = { rows: 0, ok: 0, warning: 0, error: 0, exists: 0, toAdd: 0, newPeople: 0, unpayable: 0, blocking: 0 };
  const unpayableRows: ImportPreview['unpayableRows'] = [];
  const byMethod: Record<string, number> = {};
  const byMethodCode: ImportPreview['byMethodCode'] = {};
  const byProgramme: Record<string, number> = {};
  const monthlyTotals: Record<string, number> = {};
  const people = new Set<string>();
  for (const r of checked.rows) {
    const v = r.view;
    counts.rows++;
    counts[v.status]++;
    if (r.blocking) counts.blocking++;
    if (r.unpayableReason !== null) {
      counts.unpayable++;
      unpayableRows.push({ sheet: v.sheet, row: v.row, fullName: v.fullName, reason: r.unpayableReason });
    }
    if (v.status === 'error') continue;
    if (v.computedVnd !== null) monthlyTotals[r.programme] = (monthlyTotals[r.programme] ?? 0) + v.computedVnd;
    if (v.status === 'exists') continue;
    counts.toAdd++;
    people.add(r.personKey);
    byMethod[`${v.sheet}:${v.methodText}`] = (byMethod[`${v.sheet}:${v.methodText}`] ?? 0) + 1;
    const m = (byMethodCode[r.programme] ??= {});
    m[r.payout.method] = (m[r.payout.method] ?? 0) + 1;
    byProgramme[r.programme] = (byProgramme[r.programme] ?? 0) + 1;
  }
  counts.newPeople = people.size;
  const messages: string[] = [];
  const monthVi = formatMonthVi(checked.asOfMonth);
  const programmes = Object.entries(byProgramme)
    .map(([p, n]) => `${n} ${p}`)
    .join(', ');
  if (counts.toAdd > 0) {
    messages.push(
      `Sẽ nhập ${counts.newPeople} người (${programmes}), hưởng từ tháng ${monthVi}, không tính truy lĩnh.`,
    );
  } else if (counts.exists > 0) {
    messages.push(
      `Không có ai mới: cả ${counts.exists} người trong tệp đã có trong sổ (có thể tệp này đã được nhập). Nhập lại sẽ không thêm ai.`,
    );
  } else {
    messages.push('Không có dòng nào nhập được.');
  }
  if (counts.exists > 0 && counts.toAdd > 0)
    messages.push(`${counts.exists} người đã có trong sổ: bỏ qua, không thêm lần nữa.`);
  if (counts.error > 0)
    messages.push(`${counts.error} dòng có lỗi sẽ không được nhập (xem lý do và số dòng trong bảng).`);
  if (counts.warning > 0) messages.push(`${counts.warning} dòng có cảnh báo vẫn được nhập: hãy xem lại.`);
  for (const s of checked.sheets) if (s.totalMessage) messages.push(s.totalMessage);
  const blockingMessage = blockingMessageOf(checked);
  if (blockingMessage) messages.unshift(blockingMessage);
  const chosen = checked.rows.filter((r) => r.cashByChoice).length;
  if (chosen)
    messages.push(
      `${chosen} dòng không chi được theo hình thức ghi trong tệp sẽ ghi tiền mặt tại UBND theo lựa chọn «ghi tiền mặt, sửa sau».`,
    );
  return {
    asOfMonth: checked.asOfMonth,
    rows: checked.rows.map((r) => r.view),
    sheets: checked.sheets,
    counts,
    byMethod,
    byMethodCode,
    byProgramme,
    monthlyTotals,
    messages,
    unpayableRows,
    blockingMessage,
  };
}

/** Why the import cannot be committed as it stands (issue 14), or null. */
export function blockingMessageOf(checked: CheckedImport): string | null {
  const blocking = checked.rows.filter((r) => r.blocking);
  if (!blocking.length) return null;
  const unpayable = blocking.filter((r) => r.unpayableReason !== null && !r.cashByChoice).length;
  const noTerm = blocking.length - unpayable;
  const parts: string[] = [];
  if (unpayable)
    parts.push(
      `${unpayable} dòng không chi được theo hình thức ghi trong tệp (số tài khoản sai, thiếu người nhận thay, ngân hàng không rõ…): sửa tệp, chọn đúng cột, hoặc đánh dấu «ghi tiền mặt, sửa sau» cho các dòng này`,
    );
  if (noTerm)
    parts.push(
      `${noTerm} giấy ủy quyền chưa có thời hạn: chọn cột thời hạn, nhập một ngày hết hạn cho cả tệp, hoặc chọn giả định một năm`,
    );
  return `Chưa nhập được: ${parts.join('; ')}.`;
}
