import { useState } from 'react';
import type { RoundDetail, RoundFileKind, RoundLineView, RoundSummary, RoundTotalRow } from '@shared/api/rounds';
import { formatDateVi } from '@shared/domain/dates';
import { formatLocalDateTime } from '@shared/domain/format';
import { formatVnd, parseVnd } from '@shared/domain/money';
import { METHOD_SHORT } from '@shared/domain/labels';
import type { ProgrammeCode } from '@shared/api/register';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { Dialog } from '../../components/Dialog';
import { ReturnDialog } from '../../components/ReturnDialog';
import { FolderPicker } from '../../components/FolderPicker';
import { JobProgress } from '../../components/JobProgress';
import { LoadStatus } from '../../components/LoadStatus';
import { ScreenTitle } from '../../components/ScreenTitle';
import { TextField } from '../../components/TextField';
import { useFilesJob } from '../../components/useFilesJob';
import { useApi } from '../../api/query';
import { messageOf } from '../../errors';
import { hrefFor, navigate } from '../../routing';
import { REVIEW_STATE_LABELS } from '../payroll/labels';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { personPagePath } from '../register/paths';
import { ROUNDS_PATH } from './paths';
import { RoundResults } from './RoundResults';
import './rounds.css';

// One round (#/chi-tra/dot-chi/3): who the rules picked and the changes by hand (the officer adds or
// removes people with a reason), the payroll's workflow (the officer submits; the approver approves,
// confirming count and total, or returns it with a comment), and once approved the signature list, the
// bank file and the summary, each with its count and total next to the round's, then the payment results
// and their reconciliation (RoundResults.tsx).

const PAGE = 200;

export function RoundPage({ id }: { id: number }) {
  const detail = useApi('rounds.get', { roundId: id }).state;
  const summary = useApi('rounds.summary', { roundId: id }).state;
  // The data layer loads the round again after each command (renderer/src/api/query.ts): nothing to bump here.
  const changed = () => undefined;
  return (
    <>
      <p className="back-link">
        <a href={hrefFor(ROUNDS_PATH)}>← Đợt chi một lần</a>
      </p>
      <LoadStatus state={detail} />
      {detail.status === 'loaded' && (
        <>
          <ScreenTitle>{detail.value.round.name}</ScreenTitle>
          <Header detail={detail.value} />
          <Workflow detail={detail.value} onChanged={changed} />
          {summary.status === 'loaded' && <Summary summary={summary.value} />}
          {detail.value.round.review === 'approved' && summary.status === 'loaded' && <Files summary={summary.value} />}
          {detail.value.round.review === 'approved' && <RoundResults round={detail.value.round} />}
          <Lines detail={detail.value} onChanged={changed} />
          <Adjustments detail={detail.value} onChanged={changed} />
        </>
      )}
    </>
  );
}

function Header({ detail }: { detail: RoundDetail }) {
  const r = detail.round;
  return (
    <section className="panel" aria-label="Thông tin đợt chi">
      <p>
        Căn cứ: văn bản số <strong>{r.basisNumber}</strong> ngày {formatDateVi(r.basisDate)} của {r.basisIssuer}. Ngày
        chi: <strong>{formatDateVi(r.roundDate)}</strong>.
      </p>
      <p data-testid="round-state">
        Trạng thái: <strong>{REVIEW_STATE_LABELS[r.review]}</strong> · {formatVnd(r.lineCount)} người · tổng{' '}
        <strong>{formatVnd(r.totalVnd)} đồng</strong>
        {r.submittedAt && r.review !== 'draft'
          ? ` · trình lúc ${formatLocalDateTime(r.submittedAt)} (${r.submittedBy ?? ''})`
          : ''}
        {r.approvedAt ? ` · phê duyệt lúc ${formatLocalDateTime(r.approvedAt)} (${r.approvedBy ?? ''})` : ''}
      </p>
      {r.returnComment && r.review !== 'approved' && (
        <p className="message message-warning">
          Ý kiến khi trả lại ({r.returnedBy ?? ''}): {r.returnComment}
        </p>
      )}
      {detail.alreadyInBasis > 0 && (
        <p className="hint">
          {formatVnd(detail.alreadyInBasis)} người thuộc các nhóm nhưng đã có trong đợt chi khác cùng văn bản căn cứ:
          không chọn lại.
        </p>
      )}
      {detail.staleMessage && (
        <p className="message message-error" role="alert">
          {detail.staleMessage}
        </p>
      )}
      <table className="data-table round-table" aria-label="Nhóm người nhận">
        <thead>
          <tr>
            <th scope="col">Nhóm</th>
            <th scope="col">Chế độ, diện</th>
            <th scope="col" className="num">
              Mức (đồng)
            </th>
            <th scope="col" className="num">
              Số người
            </th>
            <th scope="col" className="num">
              Số tiền (đồng)
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.rules.map((x) => (
            <tr key={x.ruleNo}>
              <th scope="row">
                {x.ruleNo}. {x.label}
              </th>
              <td>
                {x.programme}
                {x.categories.length
                  ? `: ${x.categories.join(', ')}`
                  : x.groups.length
                    ? `: ${x.groups.join(', ')}`
                    : ''}
              </td>
              <td className="num">{formatVnd(x.amountVnd)}</td>
              <td className="num">{formatVnd(x.count)}</td>
              <td className="num">{formatVnd(x.totalVnd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Workflow({ detail, onChanged }: { detail: RoundDetail; onChanged: () => void }) {
  const r = detail.round;
  const canSubmit = useCan('rounds.submit');
  const canApprove = useCan('rounds.approve');
  const [dialog, setDialog] = useState<'approve' | 'return' | 'discard' | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError('');
    try {
      await work();
      setDialog(undefined);
      if (after) after();
      else onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const editable = r.review === 'draft' || r.review === 'returned';
  return (
    <section className="panel" aria-label="Phê duyệt">
      <div className="round-actions">
        {canSubmit && editable && (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void run(() => api('rounds.submit', { roundId: r.id }))}
            >
              Trình phê duyệt
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => void run(() => api('rounds.rebuild', { roundId: r.id }))}
            >
              Chọn lại theo sổ
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setDialog('discard')}>
              Huỷ đợt chi…
            </button>
          </>
        )}
        {canSubmit && r.review === 'submitted' && detail.staleMessage && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void run(() => api('rounds.submit', { roundId: r.id }))}
          >
            Chọn lại và trình lại
          </button>
        )}
        {canApprove && r.review === 'submitted' && (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || !!detail.staleMessage}
              onClick={() => setDialog('approve')}
            >
              Phê duyệt…
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setDialog('return')}>
              Trả lại…
            </button>
          </>
        )}
        {r.review === 'submitted' && !canApprove && <p className="hint">Đã trình, chờ lãnh đạo phê duyệt.</p>}
        {r.review === 'approved' && <p className="hint">Đợt chi đã được phê duyệt: không sửa được nữa.</p>}
      </div>
      {error && !dialog && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      {dialog === 'approve' && (
        <Dialog title="Xác nhận phê duyệt" onClose={() => setDialog(undefined)}>
          <p data-testid="approve-statement">
            Phê duyệt đợt chi «{r.name}»: <strong>{formatVnd(r.lineCount)} người</strong>, tổng{' '}
            <strong>{formatVnd(r.totalVnd)} đồng</strong>.
          </p>
          <p>Sau khi phê duyệt, danh sách không sửa được nữa.</p>
          {error && (
            <p className="message message-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() =>
                void run(() =>
                  api('rounds.approve', { roundId: r.id, confirm: { lineCount: r.lineCount, totalVnd: r.totalVnd } }),
                )
              }
            >
              {busy ? 'Đang phê duyệt…' : `Phê duyệt ${formatVnd(r.totalVnd)} đồng`}
            </button>
            <button type="button" className="btn" onClick={() => setDialog(undefined)}>
              Huỷ
            </button>
          </div>
        </Dialog>
      )}
      {dialog === 'return' && (
        <ReturnDialog
          title="Trả lại đợt chi"
          busy={busy}
          error={error}
          onReturn={(comment) => void run(() => api('rounds.return', { roundId: r.id, comment }))}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'discard' && (
        <Dialog title="Huỷ đợt chi" onClose={() => setDialog(undefined)}>
          <p>Huỷ đợt chi «{r.name}» chưa phê duyệt? Danh sách và các thay đổi sẽ bị xoá.</p>
          {error && (
            <p className="message message-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() =>
                void run(
                  () => api('rounds.discard', { roundId: r.id }),
                  () => navigate(ROUNDS_PATH),
                )
              }
            >
              Huỷ đợt chi
            </button>
            <button type="button" className="btn" onClick={() => setDialog(undefined)}>
              Không
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function TotalsTable({
  caption,
  rows,
  total,
}: {
  caption: string;
  rows: RoundTotalRow[];
  total?: { count: number; amountVnd: number };
}) {
  return (
    <table className="data-table round-table" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col" className="num">
            Số người
          </th>
          <th scope="col" className="num">
            Số tiền (đồng)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={x.key}>
            <th scope="row">{x.label}</th>
            <td className="num">{formatVnd(x.count)}</td>
            <td className="num">{formatVnd(x.amountVnd)}</td>
          </tr>
        ))}
        {total && (
          <tr>
            <th scope="row">Cộng</th>
            <td className="num">{formatVnd(total.count)}</td>
            <td className="num">{formatVnd(total.amountVnd)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Summary({ summary }: { summary: RoundSummary }) {
  const r = summary.round;
  const files: RoundTotalRow[] = [
    {
      key: 'list',
      label: 'Danh sách ký nhận (tiền mặt, bưu điện)',
      count: summary.signatureList.count,
      amountVnd: summary.signatureList.totalVnd,
    },
    ...summary.banks.map((b) => ({
      key: b.bankCode,
      label: `Tệp ngân hàng ${b.bankName}`,
      count: b.count,
      amountVnd: b.totalVnd,
    })),
    ...(summary.missingAccount.count
      ? [
          {
            key: 'missing',
            label: 'Chuyển khoản thiếu số tài khoản',
            count: summary.missingAccount.count,
            amountVnd: summary.missingAccount.totalVnd,
          },
        ]
      : []),
  ];
  return (
    <section className="panel" aria-label="Tổng hợp đợt chi">
      <h2>Tổng hợp</h2>
      <TotalsTable
        caption="Theo hình thức chi trả"
        rows={summary.byMethod}
        total={{ count: r.lineCount, amountVnd: r.totalVnd }}
      />
      <TotalsTable
        caption="Đối chiếu: danh sách ký nhận và tệp ngân hàng (bằng tổng đợt chi)"
        rows={files}
        total={{ count: r.lineCount, amountVnd: r.totalVnd }}
      />
      {summary.missingAccount.count > 0 && (
        <p className="message message-warning">
          {formatVnd(summary.missingAccount.count)} người nhận qua tài khoản nhưng thiếu ngân hàng hoặc số tài khoản: bổ
          sung ở hồ sơ rồi chọn lại.
        </p>
      )}
      <details>
        <summary>Theo khu phố ({summary.byNeighbourhood.length})</summary>
        <TotalsTable caption="Theo khu phố" rows={summary.byNeighbourhood} />
      </details>
    </section>
  );
}

function Files({ summary }: { summary: RoundSummary }) {
  const canExport = useCan('rounds.export');
  const [listsBy, setListsBy] = useState<'ward' | 'neighbourhood'>('ward');
  const [bank, setBank] = useState(summary.banks[0]?.bankCode ?? '');
  const { folder, setFolder, folderError, job, outcome, start, busy } = useFilesJob('Không lập được tệp của đợt chi.');
  if (!canExport) return null;
  const go = (kind: RoundFileKind, toFolder: boolean) =>
    void start(
      (target) =>
        api('rounds.export', {
          roundId: summary.round.id,
          kind,
          listsBy,
          ...(kind === 'bank-xlsx' && !toFolder && bank ? { bankCode: bank } : {}),
          ...(target !== undefined ? { folder: target } : {}),
        }),
      toFolder,
    );
  return (
    <section className="panel" aria-labelledby="round-files-title">
      <h2 id="round-files-title">Danh sách ký nhận, tệp ngân hàng</h2>
      <div className="round-inline">
        <div className="field">
          <label htmlFor="round-lists-by">Danh sách ký nhận</label>
          <select
            id="round-lists-by"
            value={listsBy}
            onChange={(e) => setListsBy(e.target.value as 'ward' | 'neighbourhood')}
          >
            <option value="ward">Toàn phường</option>
            <option value="neighbourhood">Theo khu phố (mỗi khu phố một phần)</option>
          </select>
        </div>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || summary.signatureList.count === 0}
          onClick={() => go('signature-pdf', false)}
        >
          Tải danh sách ký nhận (PDF) — {formatVnd(summary.signatureList.count)} người,{' '}
          {formatVnd(summary.signatureList.totalVnd)} đồng
        </button>
      </div>
      <div className="round-inline">
        {summary.banks.length > 1 && (
          <div className="field">
            <label htmlFor="round-bank">Ngân hàng</label>
            <select id="round-bank" value={bank} onChange={(e) => setBank(e.target.value)}>
              {summary.banks.map((b) => (
                <option key={b.bankCode} value={b.bankCode}>
                  {b.bankName}
                </option>
              ))}
            </select>
          </div>
        )}
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || summary.bankFile.count === 0}
          onClick={() => go('bank-xlsx', false)}
        >
          Tải tệp ngân hàng (Excel) — {formatVnd(summary.bankFile.count)} người, {formatVnd(summary.bankFile.totalVnd)}{' '}
          đồng
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => go('summary-pdf', false)}>
          Tải bảng tổng hợp (PDF)
        </button>
      </div>
      <div className="round-inline">
        <FolderPicker
          id="round-folder"
          label="Thư mục lưu (USB)"
          value={folder}
          onChange={setFolder}
          error={folderError}
        />
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || summary.signatureList.count === 0}
          onClick={() => go('signature-pdf', true)}
        >
          Ghi danh sách ký nhận vào thư mục
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || summary.bankFile.count === 0}
          onClick={() => go('bank-xlsx', true)}
        >
          Ghi tệp ngân hàng vào thư mục
        </button>
      </div>
      {busy && (
        <JobProgress
          status={job.status}
          label="Tiến độ lập tệp đợt chi"
          unit="bước"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      )}
      {outcome.kind !== 'none' && (
        <div
          className={outcome.kind === 'error' ? 'message message-error' : 'message message-info'}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{outcome.text}</p>
        </div>
      )}
    </section>
  );
}

function Lines({ detail, onChanged }: { detail: RoundDetail; onChanged: () => void }) {
  const r = detail.round;
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const lines = useApi('rounds.lines', { roundId: r.id, text, offset, limit: PAGE }, { keepPrevious: true }).state;
  const canAdjust = useCan('rounds.adjust') && (r.review === 'draft' || r.review === 'returned');
  const [removing, setRemoving] = useState<RoundLineView | undefined>();
  return (
    <section className="panel" aria-labelledby="round-lines-title">
      <h2 id="round-lines-title">Danh sách người nhận</h2>
      <div className="round-inline">
        <TextField
          id="round-lines-search"
          label="Tìm trong danh sách"
          value={text}
          onChange={(v) => {
            setText(v);
            setOffset(0);
          }}
          placeholder="tên, khu phố, diện"
        />
      </div>
      <LoadStatus state={lines} />
      {lines.status === 'loaded' && (
        <>
          <table className="data-table round-table" aria-label="Người nhận">
            <thead>
              <tr>
                <th scope="col">STT</th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Khu phố</th>
                <th scope="col">Diện, nhóm</th>
                <th scope="col" className="num">
                  Số tiền (đồng)
                </th>
                <th scope="col">Hình thức</th>
                {canAdjust && <th scope="col">Sửa</th>}
              </tr>
            </thead>
            <tbody>
              {lines.value.rows.map((l) => (
                <tr key={l.id}>
                  <td>{l.lineNo}</td>
                  <th scope="row">
                    <a href={hrefFor(personPagePath(l.personId))}>{l.fullName}</a>
                    {l.note ? <div className="hint">{l.note}</div> : null}
                  </th>
                  <td>{l.neighbourhood}</td>
                  <td>{l.groupLabel}</td>
                  <td className="num">{formatVnd(l.amountVnd)}</td>
                  <td>{METHOD_SHORT[l.method]}</td>
                  {canAdjust && (
                    <td>
                      <button type="button" className="btn btn-secondary" onClick={() => setRemoving(l)}>
                        Bỏ…
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            {lines.value.total === 0
              ? 'Không có ai.'
              : `Người ${formatVnd(offset + 1)}–${formatVnd(Math.min(offset + PAGE, lines.value.total))} trong ${formatVnd(lines.value.total)}.`}{' '}
            {offset > 0 && (
              <button type="button" className="btn" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Trang trước
              </button>
            )}{' '}
            {offset + PAGE < lines.value.total && (
              <button type="button" className="btn" onClick={() => setOffset(offset + PAGE)}>
                Trang sau
              </button>
            )}
          </p>
        </>
      )}
      {canAdjust && <AddPerson roundId={r.id} onChanged={onChanged} />}
      {removing && (
        <ReasonDialog
          title={`Bỏ ${removing.fullName} khỏi danh sách`}
          label="Lý do bỏ khỏi danh sách (bắt buộc)"
          action="Bỏ khỏi danh sách"
          onClose={() => setRemoving(undefined)}
          onSubmit={async (reason) => {
            await api('rounds.adjust', { roundId: r.id, kind: 'remove', personId: removing.personId, reason });
            setRemoving(undefined);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function ReasonDialog({
  title,
  label,
  action,
  onClose,
  onSubmit,
}: {
  title: string;
  label: string;
  action: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          onSubmit(reason).catch((err: unknown) => {
            setError(messageOf(err));
            setBusy(false);
          });
        }}
      >
        <label className="field">
          <span>{label}</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={300} required />
        </label>
        {error && (
          <p className="message message-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {action}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Huỷ
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function AddPerson({ roundId, onChanged }: { roundId: number; onChanged: () => void }) {
  const [picked, setPicked] = useState<PickedPerson | undefined>();
  const [programme, setProgramme] = useState('NCC');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setError('');
    const amountVnd = parseVnd(amount);
    if (!picked) return setError('Chọn người cần thêm.');
    if (amountVnd === null || amountVnd <= 0) return setError('Số tiền: nhập số tiền (đồng), ví dụ 600.000.');
    setBusy(true);
    try {
      await api('rounds.adjust', {
        roundId,
        kind: 'add',
        personId: picked.id,
        programme: programme as ProgrammeCode,
        amountVnd,
        reason,
      });
      setPicked(undefined);
      setAmount('');
      setReason('');
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="round-add">
      <summary>Thêm người vào danh sách</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <PersonPicker id="round-add-person" picked={picked} onPick={setPicked} />
        <div className="round-inline">
          <div className="field">
            <label htmlFor="round-add-programme">Chế độ</label>
            <select id="round-add-programme" value={programme} onChange={(e) => setProgramme(e.target.value)}>
              <option value="NCC">Người có công</option>
              <option value="BTXH">Bảo trợ xã hội</option>
              <option value="BTXH_CARE">Hỗ trợ chăm sóc</option>
              <option value="HTXH">Trợ cấp hưu trí xã hội</option>
            </select>
          </div>
          <TextField
            id="round-add-amount"
            label="Số tiền (đồng)"
            value={amount}
            onChange={setAmount}
            inputMode="numeric"
            required
          />
          <TextField id="round-add-reason" label="Lý do thêm" value={reason} onChange={setReason} required />
        </div>
        {error && (
          <p className="message message-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Thêm vào danh sách
        </button>
      </form>
    </details>
  );
}

function Adjustments({ detail, onChanged }: { detail: RoundDetail; onChanged: () => void }) {
  const canAdjust = useCan('rounds.adjust') && (detail.round.review === 'draft' || detail.round.review === 'returned');
  const [error, setError] = useState('');
  if (!detail.adjustments.length) return null;
  return (
    <section className="panel" aria-labelledby="round-adjustments-title">
      <h2 id="round-adjustments-title">Thay đổi bằng tay ({detail.adjustments.length})</h2>
      <table className="data-table round-table" aria-labelledby="round-adjustments-title">
        <thead>
          <tr>
            <th scope="col">Họ và tên</th>
            <th scope="col">Thay đổi</th>
            <th scope="col">Lý do</th>
            {canAdjust && <th scope="col">Bỏ thay đổi</th>}
          </tr>
        </thead>
        <tbody>
          {detail.adjustments.map((a) => (
            <tr key={a.personId}>
              <th scope="row">
                <a href={hrefFor(personPagePath(a.personId))}>{a.fullName}</a>
              </th>
              <td>{a.kind === 'add' ? `Thêm, ${formatVnd(a.amountVnd ?? 0)} đồng` : 'Bỏ khỏi danh sách'}</td>
              <td>{a.reason}</td>
              {canAdjust && (
                <td>
                  <button
                    type="button"
                    className="btn"
                    onClick={() =>
                      void api('rounds.adjust', { roundId: detail.round.id, kind: 'undo', personId: a.personId }).then(
                        onChanged,
                        (e: unknown) => setError(messageOf(e)),
                      )
                    }
                  >
                    Bỏ thay đổi
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
