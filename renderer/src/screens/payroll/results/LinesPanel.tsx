import { useEffect, useState } from 'react';
import {
  LINE_STATUS_LABELS,
  LINE_STATUSES,
  type LineSelection,
  type LineStatus,
  type MarkResult,
  type ResultLinesPage,
} from '@shared/api/payroll-results';
import { formatVnd } from '@shared/domain/money';
import { METHOD_SHORT } from '@shared/domain/labels';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { messageOf } from '../../../errors';

// The payroll's lines with their payment status: filter, tick lines (or take a whole neighbourhood), and
// mark cash lines paid / not collected from the signed list, or decide what happens to failed and
// not-collected lines (carried over to next month's payroll, or paid as cash next month).

const PAGE = 200;

export function LinesPanel({
  payrollId,
  neighbourhoods,
  onChanged,
}: {
  payrollId: number;
  neighbourhoods: string[];
  onChanged: () => void;
}) {
  const [status, setStatus] = useState<LineStatus | ''>('');
  const [channel, setChannel] = useState<'' | 'cash' | 'bank'>('');
  const [neighbourhood, setNeighbourhood] = useState('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [note, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  // The page on screen stays while the next one (or a reload after a write) loads.
  const lines = useApi(
    'payrollResults.lines',
    {
      payrollId,
      ...(status ? { status } : {}),
      ...(channel ? { channel } : {}),
      ...(neighbourhood ? { neighbourhood } : {}),
      ...(text.trim() ? { text: text.trim() } : {}),
      limit: PAGE,
      offset,
    },
    { keepPrevious: true },
  );
  const page: ResultLinesPage | undefined = lines.value;
  const message =
    note ?? (lines.state.status === 'failed' ? { kind: 'error' as const, text: lines.state.message } : undefined);

  useEffect(() => setSelected(new Set()), [payrollId, status, channel, neighbourhood, text, offset]);

  const act = async (call: () => Promise<MarkResult>, what: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const r = await call();
      const skipped = r.skipped.length
        ? ` ${r.skipped.length} dòng bỏ qua: ${r.skipped
            .slice(0, 3)
            .map((s) => `${s.fullName} — ${s.reason}`)
            .join('; ')}`
        : '';
      setMessage({
        kind: 'ok',
        text: `${what}: ${r.changed.toLocaleString('vi-VN')} dòng, ${formatVnd(r.amountVnd)} đồng.${skipped}`,
      });
      setSelected(new Set());
      onChanged();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const chosen = (): LineSelection => ({ kind: 'lines', lineIds: [...selected] });
  const cashScope = (): LineSelection => (neighbourhood ? { kind: 'neighbourhood', neighbourhood } : { kind: 'all' });
  const scopeText = neighbourhood ? `của ${neighbourhood}` : 'của cả bảng lương';
  const mark = (outcome: 'paid' | 'not_collected', selection: LineSelection, what: string) =>
    void act(() => api('payrollResults.markCash', { payrollId, outcome, selection }), what);
  const carry = (decision: 'carried_over' | 'converted_to_cash', selection: LineSelection, what: string) =>
    void act(() => api('payrollResults.decideCarry', { payrollId, decision, selection }), what);

  const rows = page?.rows ?? [];
  const allTicked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: number) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="panel results-lines" aria-labelledby="results-lines-heading">
      <h3 id="results-lines-heading">Các dòng chi trả</h3>
      <div className="results-filters">
        <label>
          Tình trạng
          <select value={status} onChange={(e) => (setStatus(e.target.value as LineStatus | ''), setOffset(0))}>
            <option value="">Tất cả</option>
            {LINE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LINE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Hình thức
          <select value={channel} onChange={(e) => (setChannel(e.target.value as '' | 'cash' | 'bank'), setOffset(0))}>
            <option value="">Tất cả</option>
            <option value="cash">Tiền mặt, bưu điện</option>
            <option value="bank">Chuyển khoản</option>
          </select>
        </label>
        <label>
          Khu phố
          <select value={neighbourhood} onChange={(e) => (setNeighbourhood(e.target.value), setOffset(0))}>
            <option value="">Tất cả</option>
            {neighbourhoods.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tìm theo tên
          <input type="search" value={text} onChange={(e) => (setText(e.target.value), setOffset(0))} />
        </label>
      </div>

      <fieldset className="results-actions" disabled={busy}>
        <legend>Ghi kết quả cho {selected.size.toLocaleString('vi-VN')} dòng đã chọn</legend>
        <button
          type="button"
          className="btn btn-primary"
          disabled={selected.size === 0}
          onClick={() => mark('paid', chosen(), 'Đã ghi đã chi trả')}
        >
          Đã chi trả (tiền mặt)
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={selected.size === 0}
          onClick={() => mark('not_collected', chosen(), 'Đã ghi chưa nhận')}
        >
          Chưa nhận
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={selected.size === 0}
          onClick={() => carry('carried_over', chosen(), 'Đã chuyển sang tháng sau')}
        >
          Chuyển sang tháng sau
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={selected.size === 0}
          onClick={() => carry('converted_to_cash', chosen(), 'Đã chuyển chi tiền mặt tháng sau')}
        >
          Chuyển chi tiền mặt tháng sau
        </button>
      </fieldset>
      <fieldset className="results-actions" disabled={busy}>
        <legend>Ghi hàng loạt</legend>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => mark('paid', cashScope(), `Đã ghi đã chi trả các dòng tiền mặt ${scopeText}`)}
        >
          Mọi dòng tiền mặt {scopeText} chưa có kết quả: đã chi trả
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => mark('not_collected', cashScope(), `Đã ghi chưa nhận các dòng tiền mặt ${scopeText}`)}
        >
          Mọi dòng tiền mặt {scopeText} chưa có kết quả: chưa nhận
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => carry('carried_over', { kind: 'all' }, 'Đã chuyển sang tháng sau')}
        >
          Chuyển mọi dòng không thành công, chưa nhận sang tháng sau
        </button>
      </fieldset>

      {message && (
        <div
          className={message.kind === 'error' ? 'message message-error' : 'message message-info'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{message.text}</p>
        </div>
      )}

      {page && (
        <>
          <p>
            {page.total.toLocaleString('vi-VN')} dòng, {formatVnd(page.totalVnd)} đồng.
          </p>
          <div className="table-scroll">
            <table className="results-table">
              <caption className="sr-only">Các dòng chi trả</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Chọn tất cả dòng đang hiện"
                      checked={allTicked}
                      onChange={() => setSelected(allTicked ? new Set() : new Set(rows.map((r) => r.id)))}
                    />
                  </th>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Khu phố</th>
                  <th scope="col">Hình thức</th>
                  <th scope="col">Tài khoản</th>
                  <th scope="col" className="num">
                    Số tiền
                  </th>
                  <th scope="col">Tình trạng</th>
                  <th scope="col">Lý do</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Chọn ${r.fullName}`}
                        checked={selected.has(r.id)}
                        onChange={() => toggle(r.id)}
                      />
                    </td>
                    <td>
                      {r.fullName}
                      {r.receiverName && <span className="hint"> (người nhận: {r.receiverName})</span>}
                    </td>
                    <td>{r.neighbourhood}</td>
                    <td>{METHOD_SHORT[r.method] ?? r.method}</td>
                    <td>{r.account}</td>
                    <td className="num">{formatVnd(r.amountVnd)}</td>
                    <td>
                      {LINE_STATUS_LABELS[r.status]}
                      {r.pickedUp && ' (đã vào bảng lương sau)'}
                    </td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.total > PAGE && (
            <div className="results-actions">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                Trang trước
              </button>
              <span>
                {offset + 1}–{Math.min(offset + PAGE, page.total)} / {page.total.toLocaleString('vi-VN')}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset + PAGE >= page.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Trang sau
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
