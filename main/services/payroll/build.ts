import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import type { ActingUser } from '../../api/context';
import type { AuditInput } from '../audit';
import { ApiError } from '@shared/api/errors';
import type { BuildResult } from '@shared/api/payroll';
import { PROGRAMME_CODES } from '@shared/api/register';
import { formatBirthDate, formatMonthVi, type Month } from '@shared/domain/dates';
import { foldForSearch } from '@shared/domain/text';
import { auditedWrite, runningJobOf, startJob, yieldToEventLoop, type JobProgress, type JobSignal } from '../../jobs';
import { buildInThread, buildThreadAvailable } from './build-thread';
import { planPayroll, type PlannedLine, type PlannedPayrolls } from './plan';
import { diffDraft } from './draft-diff';
import {
  approvedPayrollId,
  createStaging,
  draftLines,
  draftPayroll,
  dropStaging,
  insertDraftPayroll,
  lineValues,
  ownMonth,
  programmeNameOf,
  setPayrollTotals,
  stagingWriter,
} from './queries/build';

// Building a month's payroll, as a job: plan the lines (plan.ts) in chunks with progress and Cancel,
// then write everything in ONE audited transaction (all or nothing). A draft of the same month and
// programme is replaced in place (same payroll id, same lines for the same register: idempotent); a
// programme whose payroll of that month is already approved is not touched (corrections go to a later
// month).

export const BUILD_JOB = 'payroll.build';

const approvedOf = approvedPayrollId;

const programmeName = (store: Store, code: string): string => programmeNameOf(store, code) ?? code;

export function startPayrollBuild(
  ctx: HandlerContext,
  input: { month: Month; programmes?: string[] | undefined },
): ChannelOutput<'payroll.build'> {
  const { store, user, now } = ctx;
  const { month } = input;
  const chosen = input.programmes?.length ? new Set(input.programmes) : undefined;
  if (runningJobOf(BUILD_JOB))
    throw new ApiError('CONFLICT', 'Đang lập một bảng chi trả khác: chờ xong hoặc huỷ rồi làm lại.');
  for (const programme of chosen ?? []) {
    if (approvedOf(store, month, programme) !== undefined) {
      throw new ApiError(
        'CONFLICT',
        `Bảng chi trả ${programmeName(store, programme)} tháng ${formatMonthVi(month)} đã được phê duyệt: không lập lại. Điều chỉnh được ghi vào tháng sau.`,
        [{ path: 'programmes', message: 'Đã phê duyệt.' }],
      );
    }
  }
  // In a thread of its own with its own connection where the bundle has one (build-thread.ts): the core's
  // thread keeps answering (search as you type) during the planning and the one write transaction.
  const jobId = startJob(BUILD_JOB, `Đang lập bảng chi trả tháng ${formatMonthVi(month)}…`, (progress, signal) =>
    buildThreadAvailable()
      ? buildInThread(
          store.sqlite.name,
          { month, programmes: chosen && [...chosen], user, at: now.toISOString() },
          progress,
          signal,
        )
      : buildPayrolls(store, user, now, month, chosen, progress, signal),
  );
  return { jobId };
}

/** The month's plan, a chunk at a time: progress between chunks, a turn of the event loop, Cancel checked. */
export async function planInSteps(
  store: Store,
  month: Month,
  chosen: ReadonlySet<string> | undefined,
  progress: JobProgress,
  signal: JobSignal,
): Promise<PlannedPayrolls> {
  const steps = planPayroll(store, month, chosen);
  let step = steps.next();
  while (!step.done) {
    progress(
      step.value.done,
      step.value.total + 1,
      `Đang tính tiền: ${step.value.done.toLocaleString('vi-VN')} / ${step.value.total.toLocaleString('vi-VN')}`,
    );
    await yieldToEventLoop();
    signal.throwIfCancelled();
    step = steps.next();
  }
  return step.value;
}

/** The build's work (plan in chunks, then the one audited write): on the core's thread or in build-worker.ts. */
export function buildPayrolls(
  store: Store,
  user: ActingUser,
  now: Date,
  month: Month,
  chosen: ReadonlySet<string> | undefined,
  progress: JobProgress,
  signal: JobSignal,
): Promise<BuildResult> {
  return withLargeCache(store, async () => {
    const planned = await planInSteps(store, month, chosen, progress, signal);
    const count = [...planned.values()].reduce((n, lines) => n + lines.length, 0);
    progress(99, 100, `Đang ghi ${count.toLocaleString('vi-VN')} dòng vào bảng chi trả…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    return auditedWrite(store, user, now, (audit) => writePayrolls(store, user, now, month, planned, chosen, audit));
  });
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

/** A person's birth as a line shows it: the day, or the year alone; nothing when unknown. */
function birthText(date: string | null, precision: string | null): string {
  return date && (precision === 'day' || precision === 'year') ? formatBirthDate({ precision, value: date }) : '';
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
  createStaging(store, { fold: foldForSearch, birthText });
  try {
    return writeStaged(store, user, now, month, planned, chosen, audit);
  } finally {
    dropStaging(store);
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
  const result: BuildResult = { month, payrolls: [], skipped: [] };
  const staging = stagingWriter(store);
  const jsonOf = componentsJson();
  // Made when needed, not kept: 100,000 arrays of 30 values kept until the write cost a full garbage collection.
  const valuesOf = (l: PlannedLine) => lineValues(l, jsonOf(l));
  const at = now.toISOString();
  for (const programme of PROGRAMME_CODES) {
    if (chosen && !chosen.has(programme)) continue;
    const lines = planned.get(programme) ?? [];
    const draft = draftPayroll(store, month, programme);
    if (approvedOf(store, month, programme) !== undefined) {
      result.skipped.push({
        programme,
        reason: `Đã phê duyệt bảng chi trả tháng ${formatMonthVi(month)}: không lập lại.`,
      });
      continue;
    }
    if (!lines.length && !draft) {
      if (chosen) result.skipped.push({ programme, reason: 'Không có ai được chi trong tháng này.' });
      continue;
    }
    const payrollId = draft ? draft.id : insertDraftPayroll(store, month, programme, at, user.id);
    // A draft keeps the lines that are as planned (draft-diff.ts); the rest are written anew.
    const diff = draft ? diffDraft(draftLines(store, payrollId), lines, valuesOf) : undefined;
    if (diff) {
      staging.clearOpen(payrollId);
      staging.dropLines(diff.drop);
      staging.renumber(diff.moves);
    }
    let total = 0;
    let attention = 0;
    let lineId = staging.lastLineId();
    lines.forEach((l, i) => {
      total += l.amountVnd;
      if (l.attentionNote) attention++;
      if (diff?.keptIds[i] !== undefined) return;
      const own = ownMonth(l);
      staging.line(++lineId, payrollId, i + 1, valuesOf(l), own);
      if (!own) for (const m of l.months) staging.month(lineId, payrollId, l.personId, m);
    });
    staging.copyAndClear();
    for (const o of planned.open?.get(programme) ?? []) {
      staging.open(payrollId, o);
    }
    setPayrollTotals(store, payrollId, {
      lineCount: lines.length,
      totalVnd: total,
      attention,
      at,
      by: user.id,
      ledgerSeq: planned.ledgerSeq ?? 0,
    });
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
