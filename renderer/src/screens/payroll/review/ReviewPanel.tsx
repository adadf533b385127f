import { useEffect, useState } from 'react';
import type { PayrollView } from '@shared/api/payroll';
import type { ProgrammeCode } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { ReturnDialog } from '../../../components/ReturnDialog';
import { JobProgress } from '../../../components/JobProgress';
import { useJob } from '../../../components/useJob';
import { messageOf } from '../../../errors';
import { handOverPdf } from '../../../print';
import { hrefFor } from '../../../routing';
import { personPagePath } from '../../register/paths';
import { CHANGE_LABELS, METHOD_SHORT, REVIEW_STATE_LABELS } from '../labels';
import { useApi } from '../../../api/query';
import type { JobIdOf } from '@shared/api/contract';

// Approval as a workflow (issue 14). The officer submits a draft (a job: rebuilt and frozen for review)
// and sees the approver's comment when it comes back; the approver sees what to check (what changed
// since submission, totals by programme and method, differences from last month, every line needing
// attention with a link to the person) and approves after a confirmation naming month, programme,
// count and total — which main checks against the payroll — or returns it with a comment.

/** The return comment, for the officer (kept after a rebuild until the payroll is submitted again). */
export function ReturnNotice({ payroll }: { payroll: PayrollView }) {
  if (!payroll.returnComment || payroll.review === 'approved' || payroll.review === 'submitted') return null;
  return (
    <div className="message message-info review-returned" role="note" aria-label="Ý kiến khi trả lại">
      <strong>Bảng bị trả lại</strong>
      {payroll.returnedBy ? ` bởi ${payroll.returnedBy}` : ''}
      {payroll.returnedAt ? ` lúc ${new Date(payroll.returnedAt).toLocaleString('vi-VN')}` : ''}:{' '}
      <q data-testid="return-comment">{payroll.returnComment}</q>
      {payroll.review === 'draft' && <> — đã lập lại, cần trình lại.</>}
    </div>
  );
}

/** The draft (bản dự thảo) for the chairman to sign before approval. */
export function DraftPrintButton({ payrollId }: { payrollId: number }) {
  const [note, setNote] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);
  const print = () => {
    setBusy(true);
    setNote(undefined);
    (async () => await api('payroll.draftPdf', { payrollId }))().then(
      (printed) => {
        setBusy(false);
        setNote({ text: handOverPdf(printed, 'bản dự thảo'), error: false });
      },
      (e: unknown) => {
        setBusy(false);
        setNote({ text: messageOf(e), error: true });
      },
    );
  };
  return (
    <div className="payroll-draft-print">
      <button type="button" className="btn" onClick={print} disabled={busy}>
        {busy ? 'Đang in…' : 'In bản dự thảo (PDF)'}
      </button>
      {note && (
        <p
          className={note.error ? 'message message-error' : 'message message-info'}
          role={note.error ? 'alert' : 'status'}
        >
          {note.text}
        </p>
      )}
    </div>
  );
}

/** The officer's Trình phê duyệt: rebuilds the payroll and submits it, as one job. */
export function SubmitPanel({ payroll, onDone }: { payroll: PayrollView; onDone: () => void }) {
  const [jobId, setJobId] = useState<JobIdOf<'payroll.submit'>>();
  const [error, setError] = useState<string>();
  const job = useJob(jobId);
  useEffect(() => {
    const s = job.status;
    if (!s || s.state === 'running') return;
    if (s.state === 'failed') setError(s.error?.message ?? s.label);
    setJobId(undefined);
    onDone();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.status?.state]);
  const start = () => {
    setError(undefined);
    api('payroll.submit', { payrollId: payroll.id }).then(
      (r) => setJobId(r.jobId),
      (e: unknown) => setError(messageOf(e)),
    );
  };
  return (
    <div className="payroll-submit">
      {jobId ? (
        <JobProgress
          status={job.status}
          label="Tiến độ lập lại và trình bảng chi trả"
          unit="người"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      ) : (
        <button type="button" className="btn btn-primary" onClick={start}>
          Trình phê duyệt
        </button>
      )}
      <p className="hint">
        Bảng được lập lại theo sổ hiện tại rồi khoá lại để người phê duyệt xem; thay đổi sổ sau khi trình cần lập lại và
        trình lại.
      </p>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const ATTENTION_LIMIT = 1000;

/** What the approver checks, and Phê duyệt / Trả lại. */
export function ApprovalPanel({ payroll, onDone }: { payroll: PayrollView; onDone: () => void }) {
  const payrollId = payroll.id;
  // Four answers, shown together (the review and differences are shared with the tabs' cache).
  const parts = [
    useApi('payroll.reviewChanges', { payrollId }),
    useApi('payroll.review', { payrollId }),
    useApi('payroll.differences', { payrollId }),
    useApi('payroll.lines', { payrollId, only: 'attention', limit: ATTENTION_LIMIT }),
  ] as const;
  const reload = () => parts.forEach((p) => p.reload());
  const failed = parts.map((p) => p.state).find((s) => s.status === 'failed');
  const [c, r, d, a] = [parts[0].value, parts[1].value, parts[2].value, parts[3].value];
  const state =
    failed ??
    (c && r && d && a
      ? { status: 'loaded' as const, value: { changes: c, review: r, differences: d, attention: a } }
      : { status: 'loading' as const });
  const [dialog, setDialog] = useState<'approve' | 'return'>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (state.status === 'loading') return <p role="status">Đang chuẩn bị nội dung phê duyệt…</p>;
  if (state.status === 'failed') {
    return (
      <p className="message message-error" role="alert">
        {state.message}
      </p>
    );
  }
  const { changes, review, differences, attention } = state.value;
  const title = `tháng ${formatMonthVi(payroll.month)} — ${payroll.programmeName}`;
  const run = (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    call().then(
      () => {
        setBusy(false);
        setDialog(undefined);
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setError(messageOf(e));
        reload();
      },
    );
  };
  const approve = () =>
    run(() =>
      api('payroll.approve', {
        payrollId: payroll.id,
        confirm: {
          month: payroll.month,
          programme: payroll.programme as ProgrammeCode,
          lineCount: payroll.lineCount,
          totalVnd: payroll.totalVnd,
        },
      }),
    );

  return (
    <section className="approval-panel" aria-label="Phê duyệt bảng chi trả">
      <h2>Nội dung cần xem trước khi phê duyệt</h2>
      <p className="hint">
        Trình lúc {payroll.submittedAt ? new Date(payroll.submittedAt).toLocaleString('vi-VN') : ''} —{' '}
        {payroll.submittedBy}
      </p>
      {changes.stale && (
        <p className="message message-error" role="alert" data-testid="review-stale">
          {changes.message}
        </p>
      )}
      <div className="approval-totals">
        <table className="data-table" aria-label="Tổng theo chế độ">
          <caption>Theo chế độ (tháng {formatMonthVi(payroll.month)})</caption>
          <thead>
            <tr>
              <th scope="col">Chế độ</th>
              <th scope="col" className="num">
                Số dòng
              </th>
              <th scope="col" className="num">
                Số tiền (đồng)
              </th>
            </tr>
          </thead>
          <tbody>
            {review.monthPayrolls.map((p) => (
              <tr key={p.id} className={p.id === payroll.id ? 'row-current' : undefined}>
                <th scope="row">
                  {p.programmeName} ({REVIEW_STATE_LABELS[p.review]})
                </th>
                <td className="num">{formatVnd(p.lineCount)}</td>
                <td className="num">{formatVnd(p.totalVnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data-table" aria-label="Tổng theo hình thức chi trả">
          <caption>Theo hình thức chi trả</caption>
          <thead>
            <tr>
              <th scope="col">Hình thức</th>
              <th scope="col" className="num">
                Số dòng
              </th>
              <th scope="col" className="num">
                Số tiền (đồng)
              </th>
            </tr>
          </thead>
          <tbody>
            {review.byMethod.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{formatVnd(r.count)}</td>
                <td className="num">{formatVnd(r.amountVnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>So với tháng {formatMonthVi(differences.previous.month)}</h3>
      <p>
        {differences.counts.in} người mới vào, {differences.counts.out} người ra khỏi, {differences.counts.changed}{' '}
        người thay đổi số tiền.
      </p>
      {differences.rows.length > 0 && (
        <details>
          <summary>Xem {differences.rows.length} thay đổi</summary>
          <ul className="approval-differences">
            {differences.rows.map((r) => (
              <li key={r.personId}>
                <a href={hrefFor(personPagePath(r.personId))}>{r.fullName}</a> — {CHANGE_LABELS[r.change]}:{' '}
                {formatVnd(r.beforeVnd)} → {formatVnd(r.afterVnd)} đồng. {r.explanation}
              </li>
            ))}
          </ul>
        </details>
      )}
      <h3>Dòng cần chú ý ({formatVnd(attention.total)})</h3>
      {attention.total === 0 ? (
        <p>Không có dòng nào cần chú ý.</p>
      ) : (
        <table className="data-table" aria-label="Dòng cần chú ý">
          <thead>
            <tr>
              <th scope="col">STT</th>
              <th scope="col">Họ và tên</th>
              <th scope="col" className="num">
                Số tiền (đồng)
              </th>
              <th scope="col">Hình thức</th>
              <th scope="col">Lý do cần chú ý</th>
            </tr>
          </thead>
          <tbody>
            {attention.rows.map((l) => (
              <tr key={l.id}>
                <td>{l.lineNo}</td>
                <th scope="row">
                  <a href={hrefFor(personPagePath(l.personId))}>{l.fullName}</a>
                </th>
                <td className="num">{formatVnd(l.amountVnd)}</td>
                <td>{METHOD_SHORT[l.method]}</td>
                <td>{l.attentionNote}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {attention.total > attention.rows.length && (
        <p className="hint">Hiện {formatVnd(attention.rows.length)} dòng đầu; xem đủ ở thẻ «Cần chú ý».</p>
      )}
      <div className="payroll-actions">
        <button type="button" className="btn btn-primary" disabled={changes.stale} onClick={() => setDialog('approve')}>
          Phê duyệt…
        </button>
        <button type="button" className="btn" onClick={() => setDialog('return')}>
          Trả lại…
        </button>
      </div>
      {error && !dialog && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      {dialog === 'approve' && (
        <Dialog title="Xác nhận phê duyệt" onClose={() => setDialog(undefined)}>
          <p data-testid="approve-statement">
            Phê duyệt bảng chi trả {title}: <strong>{formatVnd(payroll.lineCount)} dòng</strong>, tổng{' '}
            <strong>{formatVnd(payroll.totalVnd)} đồng</strong>.
          </p>
          <p>Sau khi phê duyệt, bảng không sửa được nữa; điều chỉnh được ghi vào tháng sau.</p>
          {error && (
            <p className="message message-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={approve}>
              {busy ? 'Đang phê duyệt…' : `Phê duyệt ${formatVnd(payroll.totalVnd)} đồng`}
            </button>
            <button type="button" className="btn" onClick={() => setDialog(undefined)}>
              Huỷ
            </button>
          </div>
        </Dialog>
      )}
      {dialog === 'return' && (
        <ReturnDialog
          title="Trả lại bảng chi trả"
          busy={busy}
          error={error}
          onReturn={(comment) => void run(() => api('payroll.return', { payrollId: payroll.id, comment }))}
          onClose={() => setDialog(undefined)}
        />
      )}
    </section>
  );
}
