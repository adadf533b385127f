import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { PayrollView, ReviewChanges } from '@shared/api/payroll';
import { actionLabel } from '@shared/domain/audit-actions';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { auditedWrite, runningJobOf, startJob, yieldToEventLoop } from '../../jobs';
import { BUILD_JOB, planInSteps, writePayrolls } from './build';
import { getPayroll } from './payrolls';
import {
  changesSince,
  lastAuditId,
  lastLedgerSeq,
  ledgerMarkedSince,
  markReturned,
  markSubmitted,
  reviewStateOf,
  submission,
} from './queries/review';

// Approval as a workflow (issue 14): the officer submits a draft (rebuilt and frozen, with the audit
// log's sequence number at that moment as the fingerprint of its inputs), the approver returns it with
// a comment or approves it with an explicit confirmation of month, programme, count and total.
//
// Why the audit log is the fingerprint: every write goes through an audited command or an audited job
// write (the dispatcher and auditedWrite enforce it), so the entries after the submission are exactly
// the writes since; those whose action can change what a payroll pays, about a person of this payroll
// or programme (or about everyone: an import, a standard level, another approved payroll of the
// programme), make the submitted payroll stale. A stale payroll cannot be approved until rebuilt and
// submitted again; the screen names who changed.

/** Audit actions that can change a payroll's lines (prefixes). Others (prints, exports, sign-ins, reads) cannot. */
const INPUT_ACTIONS = [
  'person.',
  'entitlement.',
  'decision.',
  'arrears.',
  'funeral.',
  'import.',
  'payroll.correction',
  'payroll.approve',
  'ledger.heir.',
  'ledger.recovery.',
  'payout_method.',
  'bank_account.',
  'bank.update',
  'authorization.',
  'standardLevel.',
  'payrollResults.cashPaid',
  'payrollResults.cashNotCollected',
  'payrollResults.carryOver',
  'payrollResults.convertToCash',
  'payrollResults.import',
  'backup.restore',
  'backup.undoRestore',
  'backup.recoveryRestore',
] as const;

export const isInputAction = (action: string) =>
  INPUT_ACTIONS.some((p) => (p.endsWith('.') ? action.startsWith(p) : action === p || action.startsWith(`${p}.`)));

/** The changes written after `payrollId` was submitted that can alter it (empty unless submitted). */
export function reviewChanges(store: Store, payrollId: number): ReviewChanges {
  const p = submission(store, payrollId);
  if (!p) throw new ApiError('NOT_FOUND', 'Không tìm thấy bảng chi trả này.');
  const none: ReviewChanges = { stale: false, people: [], general: [], message: '' };
  if (p.status !== 'draft' || p.review_state !== 'submitted' || p.submitted_audit_seq === null) return none;
  const rows = changesSince(store, payrollId, p.programme_code, p.submitted_audit_seq);
  const people = new Map<number, { personId: number; fullName: string; actions: string[] }>();
  const general: string[] = [];
  for (const r of rows) {
    if (!r.relevant || !isInputAction(r.action)) continue;
    if (r.action === 'payroll.approve') {
      // Another payroll of this programme approved since: the ledger's paid side moved.
      const detail = r.detail_json ? (JSON.parse(r.detail_json) as { programme?: string; month?: string }) : {};
      if (r.entity_id === String(payrollId) || detail.programme !== p.programme_code) continue;
      general.push(`${actionLabel(r.action)} tháng ${detail.month ? formatMonthVi(detail.month) : ''}`.trim());
      continue;
    }
    if (r.person_id === null) {
      const label = actionLabel(r.action);
      if (!general.includes(label)) general.push(label);
      continue;
    }
    const entry = people.get(r.person_id) ?? {
      personId: r.person_id,
      fullName: r.full_name ?? `#${r.person_id}`,
      actions: [],
    };
    const label = actionLabel(r.action);
    if (!entry.actions.includes(label)) entry.actions.push(label);
    people.set(r.person_id, entry);
  }
  // Belt and braces: the ledger's change marks (written by database triggers) moved for this payroll's people.
  if (p.submitted_ledger_seq !== null && !people.size && !general.length) {
    const marked = ledgerMarkedSince(store, p.submitted_ledger_seq, payrollId);
    if (marked) general.push('Sổ theo dõi chi trả có thay đổi');
  }
  const list = [...people.values()];
  const parts: string[] = [];
  if (list.length) {
    const shown = list.slice(0, 10).map((x) => `${x.fullName} (${x.actions.join(', ').toLocaleLowerCase('vi')})`);
    parts.push(
      `${list.length} người thay đổi sau khi trình: ${shown.join('; ')}${list.length > 10 ? `; và ${list.length - 10} người khác` : ''}`,
    );
  }
  if (general.length) parts.push(`Thay đổi chung sau khi trình: ${general.join('; ')}`);
  const stale = parts.length > 0;
  return {
    stale,
    people: list,
    general,
    message: stale ? `${parts.join('. ')}. Cần lập lại và trình lại bảng trước khi phê duyệt.` : '',
  };
}

/**
 * The officer submits a draft (or a returned payroll, or a submitted one whose inputs changed): a job that rebuilds it from the register as it
 * stands (the same plan as a build) and, in the same single write, marks it submitted with the
 * fingerprint of its inputs.
 */
export function startPayrollSubmit(ctx: HandlerContext, payrollId: number): ChannelOutput<'payroll.submit'> {
  const { store, user, now } = ctx;
  const p = getPayroll(store, payrollId);
  if (p.status === 'approved')
    throw new ApiError('CONFLICT', `Bảng chi trả tháng ${formatMonthVi(p.month)} đã được phê duyệt.`);
  // Submitted again only when its inputs changed since (it is rebuilt anyway); otherwise it waits for the approver.
  if (p.review === 'submitted' && !reviewChanges(store, payrollId).stale)
    throw new ApiError('CONFLICT', 'Bảng chi trả này đã được trình và đang chờ phê duyệt.');
  // Runs as a build job (the same kind): a build and a submission never plan and write at the same time.
  if (runningJobOf(BUILD_JOB))
    throw new ApiError('CONFLICT', 'Đang lập một bảng chi trả khác: chờ xong hoặc huỷ rồi làm lại.');
  const chosen = new Set([p.programme]);
  const jobId = startJob(
    BUILD_JOB,
    `Đang lập lại và trình bảng chi trả tháng ${formatMonthVi(p.month)}…`,
    async (progress, signal) => {
      const planned = await planInSteps(store, p.month, chosen, progress, signal);
      await yieldToEventLoop();
      signal.throwIfCancelled();
      return auditedWrite(store, user, now, (audit) => {
        const current = reviewStateOf(store, payrollId);
        if (!current) throw new ApiError('NOT_FOUND', 'Bảng chi trả này vừa bị huỷ.');
        if (current.status !== 'draft') throw new ApiError('CONFLICT', 'Bảng chi trả này vừa được phê duyệt.');
        const result = writePayrolls(store, user, now, p.month, planned, chosen, audit);
        const built = result.payrolls.find((x) => x.programme === p.programme);
        if (!built || built.id !== payrollId)
          throw new ApiError('CONFLICT', 'Không lập lại được bảng chi trả này: tải lại trang.');
        if (built.lineCount === 0)
          throw new ApiError('CONFLICT', 'Bảng chi trả không có dòng nào: không có gì để trình.');
        const ledgerSeq = lastLedgerSeq(store);
        audit({
          action: 'payroll.submit',
          entity: 'payroll',
          entityId: payrollId,
          before: { review: current.review_state },
          after: { review: 'submitted' },
          detail: { month: p.month, programme: p.programme, lines: built.lineCount, totalVnd: built.totalVnd },
        });
        // The fingerprint: the audit entry just written (the submission) is the last one before review.
        const seq = lastAuditId(store);
        markSubmitted(store, payrollId, { at: now.toISOString(), by: user.id, auditSeq: seq, ledgerSeq });
        return getPayroll(store, payrollId);
      });
    },
  );
  return { jobId };
}

/** The approver sends a submitted payroll back to the officer with a comment. */
export function returnPayroll(ctx: HandlerContext, payrollId: number, comment: string): PayrollView {
  const p = getPayroll(ctx.store, payrollId);
  if (p.review !== 'submitted') throw new ApiError('CONFLICT', notSubmitted(p));
  markReturned(ctx.store, payrollId, { at: ctx.now.toISOString(), by: ctx.user.id, comment });
  ctx.audit({
    action: 'payroll.return',
    entity: 'payroll',
    entityId: payrollId,
    before: { review: 'submitted' },
    after: { review: 'returned' },
    detail: { month: p.month, programme: p.programme, lines: p.lineCount, totalVnd: p.totalVnd, comment },
  });
  return getPayroll(ctx.store, payrollId);
}

function notSubmitted(p: PayrollView): string {
  if (p.review === 'approved') return `Bảng chi trả tháng ${formatMonthVi(p.month)} đã được phê duyệt.`;
  if (p.review === 'returned') return 'Bảng chi trả này đã được trả lại cho cán bộ: chờ cán bộ lập lại và trình lại.';
  return 'Bảng chi trả này chưa được trình phê duyệt: cán bộ chính sách cần trình trước.';
}

export interface Confirmation {
  month: string;
  programme: string;
  lineCount: number;
  totalVnd: number;
}

/** Checks, before approval, that the payroll is submitted, unchanged since, and what the approver confirmed. */
export function checkApprovable(store: Store, payrollId: number, confirm: Confirmation): PayrollView {
  const p = getPayroll(store, payrollId);
  if (p.review !== 'submitted') throw new ApiError('CONFLICT', notSubmitted(p));
  if (
    confirm.month !== p.month ||
    confirm.programme !== p.programme ||
    confirm.lineCount !== p.lineCount ||
    confirm.totalVnd !== p.totalVnd
  ) {
    throw new ApiError(
      'CONFLICT',
      `Số liệu đã xác nhận (${confirm.lineCount.toLocaleString('vi-VN')} dòng, ${formatVnd(confirm.totalVnd)} đồng) không khớp bảng chi trả hiện tại ` +
        `(${p.lineCount.toLocaleString('vi-VN')} dòng, ${formatVnd(p.totalVnd)} đồng, tháng ${formatMonthVi(p.month)}, ${p.programmeName}): tải lại trang, xem lại rồi phê duyệt.`,
    );
  }
  const changes = reviewChanges(store, payrollId);
  if (changes.stale) throw new ApiError('CONFLICT', `Không phê duyệt được: ${changes.message}`);
  return p;
}
