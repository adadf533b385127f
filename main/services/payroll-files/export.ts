import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { ExportFilesResult, FilesPlan, PayrollFileKind, WrittenFile } from '@shared/api/payroll-files';
import type { ChannelParsedInput, ChannelOutput } from '@shared/api/contract';
import type { OfficeSettings } from '@shared/api/settings';
import { auditedWrite, startJob, yieldToEventLoop, type JobSignal } from '../../jobs';
import { getOfficeSettings } from '../settings';
import { today } from '../clock';
import { writeFilesSafely } from '../files/write';
import { loadLines, loadScope, type PayrollScope } from './lines';
import { planFiles, type Plan, type PlannedGroup } from './plan';
import { planTotals } from './plan-totals';
import { getBankFilesSettings, templateFor } from './settings';
import { writeBankWorkbook } from './bank-xlsx';
import { buildListRows, type ListContext } from './list-rows';
import { renderListPdfFromLines } from './list-pdf';
import { writeListWorkbook } from './list-xlsx';
import { renderSummaryPdf } from './pdf';
import { issueAnchor } from '../audit-anchors';
import { formatMonthVi } from '@shared/domain/dates';

// Export of the payer's files as a job (determinate progress, Cancel): every chosen file is made in
// memory first, then all are written to the user's folder by writeFilesSafely (temp name → rename →
// read back and compare; all or none). A Cancel before the write leaves nothing on the stick; a missing
// or full drive fails with a Vietnamese message and nothing written. The audit entry (counts and
// totals, not the data) is written after the files.

type ScopeInput = ChannelParsedInput<'payrollFiles.plan'>;
type ExportInput = ChannelParsedInput<'payrollFiles.export'>;

const MIME: Record<'xlsx' | 'pdf', string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * The scope and its files. `only: 'account'` plans from the account lines alone: its bank files are the
 * full plan's (keys, names, lines, totals), the rest of it is not (cash and post-office lists absent, the
 * summary and warnings partial); for an export of bank files only.
 */
export function buildPlan(
  ctx: Pick<HandlerContext, 'store'>,
  input: ScopeInput,
  only?: 'account',
): { scope: PayrollScope; plan: Plan } {
  const scope = loadScope(ctx.store, input.payrollId, input.allProgrammes);
  const lines = loadLines(ctx.store, scope, only);
  const settings = getBankFilesSettings(ctx);
  return { scope, plan: planFiles(scope, lines, { ...input, splitByProgramme: settings.splitByProgramme }) };
}

/**
 * The files panel's plan: the files buildPlan gives, with the same counts, totals, names and warnings,
 * from an aggregate read (plan-totals.ts) rather than every line sorted by name (the panel opens often,
 * and the core also answers search as you type).
 */
export function filesPlan(ctx: HandlerContext, input: ScopeInput): FilesPlan {
  const scope = loadScope(ctx.store, input.payrollId, input.allProgrammes);
  return planTotals(ctx.store, scope, { ...input, splitByProgramme: getBankFilesSettings(ctx).splitByProgramme });
}

const programmeLabel = (scope: PayrollScope, programme?: string): string => {
  if (programme) return scope.programmeNames[programme] ?? programme;
  if (scope.payrolls.length === 1) return scope.payrolls[0]!.programmeName;
  return 'trợ cấp, hỗ trợ hằng tháng';
};

export interface MadeFile {
  group: PlannedGroup;
  content: Buffer;
  count: number;
  totalVnd: number;
}

/** Makes one planned file in memory; `onChunk` reports rows done and may throw to cancel. */
export async function makeFile(
  ctx: Pick<HandlerContext, 'store' | 'now' | 'dbControl'>,
  office: OfficeSettings,
  scope: PayrollScope,
  plan: Plan,
  group: PlannedGroup,
  onChunk: (done: number) => Promise<void>,
): Promise<MadeFile> {
  const date = today(ctx.now);
  const listContext = (kind: 'cash' | 'post'): ListContext => ({
    kind,
    unitName: office.unitName,
    parentBody: office.parentBody,
    placeName: office.placeName,
    chairmanName: office.chairmanName,
    officerName: office.officerName,
    month: scope.month,
    programmeLabel: programmeLabel(scope),
    neighbourhood: group.neighbourhood ?? '',
    date,
  });
  const kind: PayrollFileKind = group.kind;
  let made: { content: Buffer; count: number; totalVnd: number };
  switch (kind) {
    case 'bank': {
      const template = templateFor(getBankFilesSettings(ctx), group.bankCode!);
      made = await writeBankWorkbook(
        template,
        {
          unitName: office.unitName,
          month: scope.month,
          bankName: group.lines[0]?.bankName ?? '',
          programmeLabel: programmeLabel(scope, group.programme),
        },
        group.lines,
        onChunk,
      );
      break;
    }
    case 'cash-xlsx':
    case 'post-xlsx':
      made = await writeListWorkbook(
        listContext(kind === 'cash-xlsx' ? 'cash' : 'post'),
        buildListRows(group.lines),
        onChunk,
      );
      break;
    case 'cash-pdf':
    case 'post-pdf':
      // Built and laid out in a PDF pool thread from the lines: the core only sends them (list-pdf.ts).
      made = await renderListPdfFromLines(listContext(kind === 'cash-pdf' ? 'cash' : 'post'), group.lines);
      break;
    case 'summary-pdf': {
      // The approved payroll's summary carries the audit chain's anchor, also kept in the app's record.
      const anchor = issueAnchor(
        ctx.store.sqlite,
        ctx.dbControl?.dbPath,
        'payroll-summary',
        `Tháng ${formatMonthVi(scope.month)}`,
        ctx.now,
      );
      made = await renderSummaryPdf({ office, month: scope.month, date, scope, plan, anchor });
      break;
    }
  }
  if (made.totalVnd !== group.totalVnd)
    throw new Error(`file total ${made.totalVnd} differs from its lines ${group.totalVnd}: ${group.fileName}`);
  return { group, ...made };
}

export function startFilesExport(ctx: HandlerContext, input: ExportInput): ChannelOutput<'payrollFiles.export'> {
  const { store, user, now } = ctx;
  // Bank files alone (the usual export for the bank): the cash and post-office lines are not read.
  const bankOnly = input.files.length > 0 && input.files.every((key) => key.startsWith('bank:'));
  const { scope, plan } = buildPlan(ctx, input, bankOnly ? 'account' : undefined);
  const chosen = input.files.map((key) => {
    const group = plan.files.find((f) => f.key === key);
    if (!group)
      throw new ApiError(
        'NOT_FOUND',
        `Không có tệp «${key}» cho bảng chi trả này (danh sách tệp đã thay đổi?). Hãy tải lại trang.`,
      );
    return group;
  });
  const folder = input.folder?.trim() || undefined;
  if (!folder && chosen.length !== 1) {
    throw new ApiError('INVALID_INPUT', 'Hãy chọn thư mục lưu (ví dụ USB) để ghi nhiều tệp cùng lúc.', [
      { path: 'folder', message: 'Hãy chọn thư mục lưu.' },
    ]);
  }
  const office = getOfficeSettings(ctx);
  const jobId = startJob('payrollFiles.export', 'Đang lập tệp chi trả…', async (progress, signal) => {
    const rowsTotal = chosen.reduce((s, g) => s + g.lines.length, 0) + chosen.length;
    let before = 0;
    const made: MadeFile[] = [];
    for (const group of chosen) {
      progress(before, rowsTotal, `Đang lập ${group.fileName}…`);
      await checkpoint(signal);
      const file = await makeFile(
        { store, now, dbControl: ctx.dbControl },
        office,
        scope,
        plan,
        group,
        async (done) => {
          progress(before + done, rowsTotal);
          await checkpoint(signal);
        },
      );
      made.push(file);
      before += group.lines.length;
      progress(before, rowsTotal);
    }
    await checkpoint(signal);
    const totalVnd = made.reduce((s, f) => s + f.totalVnd, 0);
    const detail = {
      month: scope.month,
      payrollIds: plan.payrollIds,
      destination: folder ? 'folder' : 'download',
      ...(folder ? { folder } : {}),
      files: made.map((f) => ({
        fileName: f.group.fileName,
        kind: f.group.kind,
        count: f.count,
        totalVnd: f.totalVnd,
      })),
      totalVnd,
    };
    let result: ExportFilesResult;
    if (folder) {
      progress(before, rowsTotal, 'Đang ghi tệp vào thư mục…');
      const written = await writeFilesSafely(
        folder,
        made.map((f) => ({ name: f.group.fileName, data: f.content })),
        { onProgress: (done) => progress(before + done, rowsTotal) },
      );
      const files: WrittenFile[] = written.map((w, i) => ({
        key: made[i]!.group.key,
        fileName: w.name,
        path: w.path,
        bytes: w.bytes,
        count: made[i]!.count,
        totalVnd: made[i]!.totalVnd,
      }));
      result = { destination: 'folder', folder, files };
    } else {
      const only = made[0]!;
      const ext = only.group.fileName.endsWith('.pdf') ? 'pdf' : 'xlsx';
      result = {
        destination: 'download',
        fileName: only.group.fileName,
        contentBase64: only.content.toString('base64'),
        mimeType: MIME[ext],
        count: only.count,
        totalVnd: only.totalVnd,
      };
    }
    auditedWrite(store, user, now, (audit) =>
      audit({ action: 'payrollFiles.export', entity: 'payroll', entityId: input.payrollId, detail }),
    );
    return result;
  });
  return { jobId };
}

async function checkpoint(signal: JobSignal): Promise<void> {
  await yieldToEventLoop();
  signal.throwIfCancelled();
}
