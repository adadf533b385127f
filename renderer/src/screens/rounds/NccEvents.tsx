import { useState } from 'react';
import { NCC_EVENT_KINDS, NCC_EVENT_LABELS, type NccEventKind } from '../../../../shared/api/rounds';
import { formatDateVi, formatMonthVi } from '../../../../shared/domain/dates';
import { formatVnd, parseVnd } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { LoadStatus } from '../../components/LoadStatus';
import { TextField } from '../../components/TextField';
import { useReloadable } from '../../components/useReloadable';
import { messageOf } from '../../errors';
import { hrefFor } from '../../routing';
import { PersonPicker, type PickedPerson } from '../register/enroll/PersonPicker';
import { personPagePath } from '../register/paths';

// Trợ cấp khi người có công từ trần: the funeral allowance and the lump sum the Sở Nội vụ decides, recorded
// with their decision and the named payee (amounts as decided, never computed); the month's NCC payroll
// pays them in cash to that person.

export function NccEvents() {
  const { state, reload } = useReloadable(() => api('nccEvents.list', {}), 'ncc-events');
  const canRecord = useCan('nccEvents.record');
  const [picked, setPicked] = useState<PickedPerson | undefined>();
  const [kind, setKind] = useState<NccEventKind>('funeral');
  const [amount, setAmount] = useState('');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [issuer, setIssuer] = useState('Sở Nội vụ');
  const [payee, setPayee] = useState('');
  const [relationship, setRelationship] = useState('');
  const [note, setNote] = useState<{ text: string; error: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setNote(undefined);
    const amountVnd = parseVnd(amount);
    if (!picked) return setNote({ text: 'Chọn người có công đã từ trần.', error: true });
    if (amountVnd === null || amountVnd <= 0)
      return setNote({ text: 'Số tiền theo quyết định: nhập số tiền (đồng).', error: true });
    setBusy(true);
    try {
      const saved = await api('nccEvents.record', {
        personId: picked.id,
        kind,
        amountVnd,
        decisionNumber: number,
        decisionDate: date,
        decisionIssuer: issuer,
        payeeName: payee,
        payeeRelationship: relationship,
      });
      setNote({
        text: `Đã ghi ${NCC_EVENT_LABELS[saved.kind].toLocaleLowerCase('vi')} ${formatVnd(saved.amountVnd)} đồng cho ${saved.payeeName}, chi trong bảng chi trả người có công tháng ${formatMonthVi(saved.dueMonth)}.`,
        error: false,
      });
      setPicked(undefined);
      setAmount('');
      reload();
    } catch (e) {
      setNote({ text: messageOf(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="ncc-events-title">
      <h2 id="ncc-events-title">Trợ cấp khi người có công từ trần (theo quyết định của Sở Nội vụ)</h2>
      <LoadStatus state={state} onRetry={reload} />
      {state.status === 'loaded' &&
        (state.value.length === 0 ? (
          <p className="empty-note">Chưa ghi khoản nào.</p>
        ) : (
          <table className="data-table round-table" aria-labelledby="ncc-events-title">
            <thead>
              <tr>
                <th scope="col">Người có công</th>
                <th scope="col">Khoản</th>
                <th scope="col" className="num">
                  Số tiền (đồng)
                </th>
                <th scope="col">Quyết định</th>
                <th scope="col">Người nhận</th>
                <th scope="col">Chi trả</th>
              </tr>
            </thead>
            <tbody>
              {state.value.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <a href={hrefFor(personPagePath(e.personId))}>{e.fullName}</a>
                  </th>
                  <td>{NCC_EVENT_LABELS[e.kind]}</td>
                  <td className="num">{formatVnd(e.amountVnd)}</td>
                  <td>
                    {e.decisionNumber} ngày {formatDateVi(e.decisionDate)} của {e.decisionIssuer}
                  </td>
                  <td>
                    {e.payeeName}
                    {e.payeeRelationship ? ` (${e.payeeRelationship})` : ''}
                  </td>
                  <td>
                    {e.paidInMonth
                      ? `Đã chi tháng ${formatMonthVi(e.paidInMonth)}`
                      : `Chờ chi tháng ${formatMonthVi(e.dueMonth)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {canRecord && (
        <details>
          <summary>Ghi khoản theo quyết định của Sở</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <PersonPicker id="ncc-event-person" picked={picked} onPick={setPicked} label="Người có công đã từ trần" />
            <div className="round-inline">
              <div className="field">
                <label htmlFor="ncc-event-kind">Khoản</label>
                <select id="ncc-event-kind" value={kind} onChange={(e) => setKind(e.target.value as NccEventKind)}>
                  {NCC_EVENT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {NCC_EVENT_LABELS[k]}
                    </option>
                  ))}
                </select>
              </div>
              <TextField
                id="ncc-event-amount"
                label="Số tiền theo quyết định (đồng)"
                value={amount}
                onChange={setAmount}
                inputMode="numeric"
                required
              />
              <TextField id="ncc-event-number" label="Số quyết định" value={number} onChange={setNumber} required />
              <TextField
                id="ncc-event-date"
                label="Ngày quyết định"
                value={date}
                onChange={setDate}
                required
                placeholder="ngày/tháng/năm"
              />
              <TextField id="ncc-event-issuer" label="Cơ quan ban hành" value={issuer} onChange={setIssuer} required />
              <TextField
                id="ncc-event-payee"
                label="Người nhận (theo quyết định)"
                value={payee}
                onChange={setPayee}
                required
              />
              <TextField
                id="ncc-event-relationship"
                label="Quan hệ với người có công"
                value={relationship}
                onChange={setRelationship}
              />
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Ghi khoản
            </button>
          </form>
        </details>
      )}
      {note && (
        <p
          className={note.error ? 'message message-error' : 'message message-info'}
          role={note.error ? 'alert' : 'status'}
        >
          {note.text}
        </p>
      )}
    </section>
  );
}
