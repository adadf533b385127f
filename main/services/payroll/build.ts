import type { ChannelOutput } from '../../../shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import type { ActingUser } from '../../api/context';
import type { AuditInput } from '../audit';
import { ApiError } from '../../../shared/api/errors';
import type { BuildResult } from '../../../shared/api/payroll';
import { PROGRAMME_CODES } from '../../../shared/api/register';
import { formatMonthVi, type Month } from '../../../shared/domain/dates';
import { foldForSearch } from '../../../shared/domain/text';
import { auditedWrite, runningJobOf, startJob, yieldToEventLoop } from '../../jobs';
import { planPayroll, type PlannedLine, type PlannedPayrolls } from './plan';
import { deleteDraftLines } from './payrolls';

// Building a month's payroll, as a job: plan the lines (plan.ts) in chunks with progress and Cancel,
// then write everything in ONE audited transaction (all or nothing). A draft of the same month and
// programme is replaced in place (same payroll id, same lines for the same register: idempotent); a
// programme whose payroll of that month is already approved is not touched (corrections go to a later
// month).

export const BUILD_JOB = 'payroll.build';

const approvedOf = (store: Store, month: Month, programme: string): number | undefined =>
  (store.prepare("SELECT id FROM payrolls WHERE month = ? AND programme_code = ? AND status = 'approved'").get(month, programme) as { id: number } | undefined)?.id;

const programmeName = (store: Store, code: string): string =>
  (store.prepare('SELECT name_vi FROM programmes WHERE code = ?').get(code) as { name_vi: string } | undefined)?.name_vi ?? code;

export function startPayrollBuild(ctx: HandlerContext, input: { month: Month; programmes?: string[] | undefined }): ChannelOutput<'payroll.build'> {
  const { store, user, now } = ctx;
  const { month } = input;
  const chosen = input.programmes?.length ? new Set(input.programmes) : undefined;
  if (runningJobOf(BUILD_JOB)) throw new ApiError('CONFLICT', 'Đang lập một bảng chi trả khác: chờ xong hoặc huỷ rồi làm lại.');
  for (const programme of chosen ?? []) {
    if (approvedOf(store, month, programme) !== undefined) {
      throw new ApiError(
        'CONFLICT',
        `Bảng chi trả ${programmeName(store, programme)} tháng ${formatMonthVi(month)} đã được phê duyệt: không lập lại. Điều chỉnh được ghi vào tháng sau.`,
        [{ path: 'programmes', message: 'Đã phê duyệt.' }],
      );
    }
  }
  const jobId = startJob(BUILD_JOB, `Đang lập bảng chi trả tháng ${formatMonthVi(month)}…`, (progress, signal) => withLargeCache(store, async () => {
    const steps = planPayroll(store, month, chosen);
    let step = steps.next();
    while (!step.done) {
      progress(step.value.done, step.value.total + 1, `Đang tính tiền: ${step.value.done.toLocaleString('vi-VN')} / ${step.value.total.toLocaleString('vi-VN')}`);
      await yieldToEventLoop();
      signal.throwIfCancelled();
      step = steps.next();
    }
    const planned = step.value;
    const count = [...planned.values()].reduce((n, lines) => n + lines.length, 0);
    progress(99, 100, `Đang ghi ${count.toLocaleString('vi-VN')} dòng vào bảng chi trả…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    return auditedWrite(store, user, now, (audit) => writePayrolls(store, user, now, month, planned, chosen, audit));
  }));
  return { jobId };
}

// The build rewrites ~100,000 lines and their service-month rows (five indexes on tables of millions of
// rows, foreign keys into people and entitlements in name order, i.e. at random): with the default 16 MB
// page cache the transaction spills dirty pages to the WAL and re-reads pages it just evicted.
// A larger cache for the build's job (its reads of the register and the ledger too; given back after,
// also on Cancel or error) roughly halves the write's cost.
// Each line and service-month row is its own INSERT, and the immutability triggers (RAISE) make SQLite
// keep a statement journal for each: past 64 KiB it goes to a temporary file, i.e. write syscalls for
// every row (~1 s of a rebuild at 100,000 people). In memory (temp_store) for the job, given back after.
// The app keeps no temporary tables on this connection (changing temp_store would drop them).
const BUILD_CACHE_KIB = 256 * 1024;
const TEMP_STORE_MEMORY = 2;

async function withLargeCache<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const before = store.sqlite.pragma('cache_size', { simple: true }) as number;
  const tempBefore = store.sqlite.pragma('temp_store', { simple: true }) as number;
  store.sqlite.pragma(`cache_size = -${BUILD_CACHE_KIB}`);
  if (tempBefore !== TEMP_STORE_MEMORY) store.sqlite.pragma(`temp_store = ${TEMP_STORE_MEMORY}`);
  try {
    return await fn();
  } finally {
    store.sqlite.pragma(`cache_size = ${before}`);
    if (tempBefore !== TEMP_STORE_MEMORY) store.sqlite.pragma(`temp_store = ${tempBefore}`);
  }
}

const LINE_COLUMNS = `id, payroll_id, line_no, person_id, entitlement_id, one_off_item_id, carried_from_line_id, kind, full_name, birth_text, birth_date,
  citizen_id, neighbourhood_name, address, group_code, group_label, coefficient_milli, standard_vnd, components_json, amount_vnd,
  method, registered_method, bank_code, bank_account_id, branch, account_number, holder_name, authorization_id, receiver_person_id,
  receiver_name, attention_note, note, search_key, status, period_from, period_to, period_months, ledger_reason, heir_id`;
const MONTH_COLUMNS = 'line_id, payroll_id, person_id, component, entitlement_id, service_month, amount_vnd, paid_before_vnd, recovery_id';

// The lines and their service-month rows are staged in temporary tables (no triggers, no indexes: one
// plain INSERT per row) and copied into the register with one INSERT…SELECT each. A single INSERT per row
// into payroll_lines would need a statement journal per row (the immutability triggers can abort it):
// ~0.8 s more at 100,000 people. The ids are given here (after the largest), as SQLite would.
const STAGE_LINES = `CREATE TEMP TABLE build_lines AS SELECT ${LINE_COLUMNS} FROM main.payroll_lines WHERE 0`;
const STAGE_MONTHS = `CREATE TEMP TABLE build_line_months AS SELECT ${MONTH_COLUMNS} FROM main.payroll_line_months WHERE 0`;
const INSERT_LINE = `INSERT INTO temp.build_lines (${LINE_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`;
const INSERT_MONTH = `INSERT INTO temp.build_line_months (${MONTH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const COPY_LINES = `INSERT INTO main.payroll_lines (${LINE_COLUMNS}) SELECT ${LINE_COLUMNS} FROM temp.build_lines ORDER BY rowid`;
const COPY_MONTHS = `INSERT INTO main.payroll_line_months (${MONTH_COLUMNS}) SELECT ${MONTH_COLUMNS} FROM temp.build_line_months ORDER BY rowid`;
const INSERT_OPEN = `INSERT INTO payroll_ledger_open (payroll_id, person_id, component, entitlement_id, service_month, kind, owed_vnd, paid_vnd, reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Folded name (people.search_key), citizen ID, account number and neighbourhood, for the lines search. */
function searchKeys(): (l: PlannedLine) => string {
  const folded = new Map<string, string>();
  return (l) => {
    let n = folded.get(l.neighbourhood);
    if (n === undefined) folded.set(l.neighbourhood, (n = foldForSearch(l.neighbourhood)));
    return `${l.searchKey} ${l.citizenId ?? ''} ${l.accountNumber ?? ''} ${n}`;
  };
}

/** Lines share their components arrays (plan.ts): serialise each array once. */
function componentsJson(): (l: PlannedLine) => string | null {
  const cache = new WeakMap<object, string>();
  return (l) => {
    if (!l.components.length) return null;
    let json = cache.get(l.components);
    if (json === undefined) cache.set(l.components, (json = JSON.stringify(l.components)));
    return json;
  };
}

/** The single write of a build: replace or create each programme's draft. Runs inside auditedWrite. */
export function writePayrolls(
  store: Store,
  user: ActingUser,
  now: Date,
  month: Month,
  planned: PlannedPayrolls,
  chosen: ReadonlySet<string> | undefined,
  audit: (entry: AuditInput) => void,
): BuildResult {
  const db = store.sqlite;
  db.exec(STAGE_LINES);
  db.exec(STAGE_MONTHS);
  try {
    return writeStaged(store, user, now, month, planned, chosen, audit);
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.build_lines'); // IF EXISTS: a rollback by SQLite itself took them already
    db.exec('DROP TABLE IF EXISTS temp.build_line_months');
  }
}

function writeStaged(
  store: Store,
  user: ActingUser,
  now: Date,
  month: Month,
  planned: PlannedPayrolls,
  chosen: ReadonlySet<string> | undefined,
  audit: (entry: AuditInput) => void,
): BuildResult {
  const db = store.sqlite;
  const result: BuildResult = { month, payrolls: [], skipped: [] };
  const insert = db.prepare(INSERT_LINE);
  const insertMonth = db.prepare(INSERT_MONTH);
  const copyLines = db.prepare(COPY_LINES);
  const copyMonths = db.prepare(COPY_MONTHS);
  const clear = db.prepare('DELETE FROM temp.build_lines');
  const clearMonths = db.prepare('DELETE FROM temp.build_line_months');
  const lastId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM main.payroll_lines').pluck();
  const insertOpen = store.prepare(INSERT_OPEN);
  const searchKeyOf = searchKeys();
  const jsonOf = componentsJson();
  const at = now.toISOString();
  for (const programme of PROGRAMME_CODES) {
    if (chosen && !chosen.has(programme)) continue;
    const lines = planned.get(programme) ?? [];
    const draft = store
      .prepare("SELECT id FROM payrolls WHERE month = ? AND programme_code = ? AND status = 'draft' ORDER BY id LIMIT 1")
      .get(month, programme) as { id: number } | undefined;
    if (approvedOf(store, month, programme) !== undefined) {
      result.skipped.push({ programme, reason: `Đã phê duyệt bảng chi trả tháng ${formatMonthVi(month)}: không lập lại.` });
      continue;
    }
    if (!lines.length && !draft) {
      if (chosen) result.skipped.push({ programme, reason: 'Không có ai được chi trong tháng này.' });
      continue;
    }
    let payrollId: number;
    if (draft) {
      payrollId = draft.id;
      deleteDraftLines(store, payrollId);
    } else {
      payrollId = Number(
        store.prepare("INSERT INTO payrolls (month, programme_code, status, built_at, built_by) VALUES (?, ?, 'draft', ?, ?)").run(month, programme, at, user.id)
          .lastInsertRowid,
      );
    }
    const monthRows: Array<{ lineId: number; personId: number; m: PlannedLine['months'][number] }> = [];
    let total = 0;
    let attention = 0;
    const firstId = (lastId.get() as number) + 1;
    lines.forEach((l, i) => {
      total += l.amountVnd;
      if (l.attentionNote) attention++;
      const lineId = firstId + i;
      insert.run(
        lineId, payrollId, i + 1, l.personId, l.entitlementId, l.oneOffItemId, l.carriedFromLineId, l.kind, l.fullName, l.birthText, l.birthDate,
        l.citizenId, l.neighbourhood, l.address, l.groupCode, l.groupLabel, l.coefficientMilli, l.standardVnd,
        jsonOf(l), l.amountVnd,
        l.method, l.registeredMethod, l.bankCode, l.bankAccountId, l.branch, l.accountNumber, l.holderName, l.authorizationId, l.receiverPersonId,
        l.receiverName, l.attentionNote, l.note, searchKeyOf(l), l.periodFrom, l.periodTo, l.periodMonths, l.ledgerReason, l.heirId,
      );
      for (const m of l.months) monthRows.push({ lineId, personId: l.personId, m });
    });
    // Service-month rows after the lines, in the order of their main index (person, component, month):
    // each index page is then touched once instead of at random.
    monthRows.sort((a, b) => a.personId - b.personId || (a.m.component < b.m.component ? -1 : a.m.component > b.m.component ? 1 : 0) || (a.m.month < b.m.month ? -1 : a.m.month > b.m.month ? 1 : 0));
    for (const { lineId, personId, m } of monthRows) {
      insertMonth.run(lineId, payrollId, personId, m.component, m.entitlementId, m.month, m.amountVnd, m.paidBeforeVnd, m.recoveryId);
    }
    copyLines.run();
    copyMonths.run();
    clear.run();
    clearMonths.run();
    for (const o of planned.open?.get(programme) ?? []) {
      insertOpen.run(payrollId, o.personId, o.component, o.entitlementId, o.month, o.kind, o.owedVnd, o.paidVnd, o.reason);
    }
    store
      .prepare('UPDATE payrolls SET line_count = ?, total_vnd = ?, attention_count = ?, built_at = ?, built_by = ?, ledger_seq = ? WHERE id = ?')
      .run(lines.length, total, attention, at, user.id, planned.ledgerSeq ?? 0, payrollId);
    audit({
      action: 'payroll.build',
      entity: 'payroll',
      entityId: payrollId,
      detail: { month, programme, lines: lines.length, totalVnd: total, attention, replaced: !!draft },
    });
    result.payrolls.push({ id: payrollId, programme, lineCount: lines.length, totalVnd: total, replaced: !!draft });
  }
  if (!result.payrolls.length) {
    // Nothing written: say why rather than leave an empty, unaudited success.
    audit({ action: 'payroll.build', entity: 'payroll', detail: { month, programmes: [], skipped: result.skipped } });
  }
  return result;
}
