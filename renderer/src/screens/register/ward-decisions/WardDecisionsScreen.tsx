import { useState } from 'react';
import { SIGNER_ROLE_LABELS, SIGNER_ROLES, type SignerRole, type WardDecisionView } from '@shared/api/ward-decisions';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useCan } from '../../../auth/session';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { messageOf } from '../../../errors';
import { hrefFor } from '../../../routing';
import { DECISION_KIND_LABELS, PROGRAMME_SHORT } from '../labels';
import { REGISTER_PATHS, personPagePath } from '../paths';
import { usePrintPdf } from './usePrintPdf';
import { SignForm, VoidForm } from './InlineForms';

// Sổ quyết định của phường (#/so-doi-tuong/quyet-dinh): the year's Quyết định with their numbers, the
// prints (draft, posting list) and "Ghi số đã ký"; and the register's decisions still without one, to
// tick and put in one decision (the list is attached when it covers several people).

const statusText = (w: WardDecisionView) =>
  w.status === 'signed'
    ? `Đã ký: số ${w.signedNumber ?? ''} ngày ${w.signedDate ? formatDateVi(w.signedDate) : ''}`
    : w.status === 'voided'
      ? `Đã hủy: ${w.voidReason ?? ''}`
      : w.signerRole === 'deputy'
        ? 'Dự thảo (Phó Chủ tịch ký thay)'
        : 'Dự thảo';

export function WardDecisionsScreen() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [signing, setSigning] = useState<number | null>(null);
  const [voiding, setVoiding] = useState<number | null>(null);
  const [signerRole, setSignerRole] = useState<SignerRole>('chairman');
  const [failure, setError] = useState('');
  const canCreate = useCan('wardDecisions.create');
  const canSign = useCan('wardDecisions.recordSigned');
  const canVoid = useCan('wardDecisions.void');
  const print = usePrintPdf();

  // Both lists are loaded again by the data layer after each write (a new decision, a signed number).
  const list = useApi('wardDecisions.list', { year });
  const pending = useApi('wardDecisions.candidates', {});
  const rows = list.value ?? null;
  const candidates = pending.value ?? [];
  const error =
    failure ||
    (list.state.status === 'failed'
      ? list.state.message
      : pending.state.status === 'failed'
        ? pending.state.message
        : '');

  const create = async () => {
    setError('');
    try {
      const made = await api('wardDecisions.create', { decisionIds: [...ticked], signerRole });
      setTicked(new Set());
      setYear(made.year);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const toggle = (id: number) =>
    setTicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <ScreenTitle>Sổ quyết định của phường — năm {year}</ScreenTitle>
      <p>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => setYear((y) => y - 1)}
          aria-label="Năm trước"
        >
          ◀
        </button>{' '}
        <button type="button" className="btn btn-secondary" onClick={() => setYear((y) => y + 1)} aria-label="Năm sau">
          ▶
        </button>
      </p>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      {print.note && (
        <p
          className={print.note.error ? 'export-note export-note-error' : 'export-note'}
          role={print.note.error ? 'alert' : 'status'}
        >
          {print.note.text}
        </p>
      )}
      <section className="panel" aria-label="Quyết định trong năm">
        {rows === null ? (
          <p role="status">Đang tải…</p>
        ) : rows.length === 0 ? (
          <p className="empty-note">Năm {year} chưa có quyết định nào.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Số</th>
                <th scope="col">Ngày lập</th>
                <th scope="col">Trích yếu</th>
                <th scope="col" className="num">
                  Số người
                </th>
                <th scope="col">Tình trạng</th>
                <th scope="col">In, ghi số</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((w) => (
                <tr key={w.id}>
                  <th scope="row" className="nowrap">
                    {w.symbol}
                  </th>
                  <td>{formatDateVi(w.draftDate)}</td>
                  <td>{w.subject}</td>
                  <td className="num">{w.count}</td>
                  <td>{statusText(w)}</td>
                  <td>
                    {w.status !== 'voided' && (
                      <>
                        <button
                          type="button"
                          className="btn btn-secondary"
                          disabled={print.busy}
                          onClick={() =>
                            void print.run('quyết định', async () => await api('wardDecisions.print', { id: w.id }))
                          }
                        >
                          In quyết định
                        </button>{' '}
                        <button
                          type="button"
                          className="btn btn-secondary"
                          disabled={print.busy}
                          onClick={() =>
                            void print.run(
                              'danh sách niêm yết',
                              async () => await api('wardDecisions.printPosting', { id: w.id }),
                            )
                          }
                        >
                          In danh sách niêm yết
                        </button>{' '}
                      </>
                    )}
                    {w.status === 'draft' && canSign && (
                      <button
                        type="button"
                        className="btn btn-secondary"
                        onClick={() => setSigning(signing === w.id ? null : w.id)}
                      >
                        Ghi số đã ký
                      </button>
                    )}
                    {w.status === 'draft' && canVoid && (
                      <button
                        type="button"
                        className="btn btn-secondary"
                        onClick={() => setVoiding(voiding === w.id ? null : w.id)}
                      >
                        Hủy dự thảo
                      </button>
                    )}
                    {voiding === w.id && (
                      <VoidForm
                        decision={w}
                        onDone={() => {
                          setVoiding(null);
                        }}
                      />
                    )}
                    {signing === w.id && (
                      <SignForm
                        decision={w}
                        onDone={() => {
                          setSigning(null);
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {canCreate && (
        <section className="panel" aria-labelledby="ward-candidates">
          <h2 id="ward-candidates">Quyết định trong sổ chưa lập quyết định của phường</h2>
          {candidates.length === 0 ? (
            <p className="empty-note">Không có.</p>
          ) : (
            <>
              <p>
                Chọn các trường hợp cùng chế độ và cùng loại để lập một quyết định (nhiều người: có danh sách kèm theo).
              </p>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Chọn</th>
                    <th scope="col">Người hưởng</th>
                    <th scope="col">Chế độ</th>
                    <th scope="col">Loại</th>
                    <th scope="col">Từ tháng</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.map((c) => (
                    <tr key={c.decisionId}>
                      <td>
                        <input
                          type="checkbox"
                          checked={ticked.has(c.decisionId)}
                          onChange={() => toggle(c.decisionId)}
                          aria-label={`Chọn ${c.fullName}`}
                        />
                      </td>
                      <th scope="row">
                        <a href={hrefFor(personPagePath(c.personId))}>{c.fullName}</a>
                      </th>
                      <td>{PROGRAMME_SHORT[c.programme as keyof typeof PROGRAMME_SHORT] ?? c.programme}</td>
                      <td>{DECISION_KIND_LABELS[c.kind]}</td>
                      <td>{formatMonthVi(c.effectiveMonth)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label className="inline-label">
                Người ký{' '}
                <select value={signerRole} onChange={(e) => setSignerRole(e.target.value as SignerRole)}>
                  {SIGNER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {SIGNER_ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <button
                type="button"
                className="btn btn-primary"
                disabled={ticked.size === 0}
                onClick={() => void create()}
              >
                Lập quyết định ({ticked.size} người)
              </button>
            </>
          )}
        </section>
      )}
    </>
  );
}
