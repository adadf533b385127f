import { useRef, useState, type FormEvent } from 'react';
import { CARD_SOURCE_LABELS, CARD_SOURCES, type CardSource, type CardView } from '@shared/api/bhyt';
import { formatDateVi, parseDateVi } from '@shared/domain/dates';
import { checkCardNumber } from '@shared/domain/health-insurance';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { LoadStatus } from '../../../components/LoadStatus';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { useApi } from '../../../api/query';
import './bhyt.css';
import { issuesOf, messageOf } from '../../../errors';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { localDateError } from '../decision/decisionForm';

// Thẻ BHYT on a person's page (issue 16): the cards recorded, the one in use first; the officer records
// a new card or corrects one (bhyt.saveCard, audited). Main checks the number and says what is wrong.

interface Draft {
  cardId?: number;
  cardNumber: string;
  validFrom: string;
  validTo: string;
  source: CardSource;
  note: string;
}

const EMPTY: Draft = { cardNumber: '', validFrom: '', validTo: '', source: 'state', note: '' };

/** The checks bhyt.saveCard makes on each field (the card number by the same shared rule), before sending. */
function localCardErrors(d: Draft): Partial<Record<keyof Draft, string>> {
  const errors: Partial<Record<keyof Draft, string>> = {};
  const card = checkCardNumber(d.cardNumber);
  if (!card.ok) errors.cardNumber = card.error;
  const from = localDateError(d.validFrom, 'Giá trị sử dụng từ ngày');
  const to = localDateError(d.validTo, 'Giá trị sử dụng đến ngày');
  if (from) errors.validFrom = from;
  if (to) errors.validTo = to;
  else if (!from && parseDateVi(d.validTo)! < parseDateVi(d.validFrom)!)
    errors.validTo = 'Giá trị sử dụng đến ngày: phải sau ngày bắt đầu.';
  return errors;
}

const cardFieldOf = (path: string) => (path in EMPTY ? (path as keyof Draft) : undefined);

export function HealthInsuranceCard({ personId, closed }: { personId: number; closed: boolean }) {
  const { state } = useApi('bhyt.cards', { personId });
  const canWrite = useCan('bhyt.saveCard') && !closed;
  // The form is open (a new card, or the card being corrected, in `checked`) or closed.
  const [open, setOpen] = useState(false);
  const checked = useCheckedForm<Draft>(EMPTY, localCardErrors, cardFieldOf);
  const draft = checked.value;
  const errors = checked.errors;
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<Draft>) =>
    checked.change({ ...draft, ...patch }, Object.keys(patch) as Array<keyof Draft>);
  const start = (next: Draft) => {
    checked.reset(next);
    setOpen(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    checked.showAll();
    if (checked.hasLocalErrors) {
      setMessage({ error: true, text: 'Chưa lưu: kiểm tra các ô báo lỗi.' });
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setMessage(undefined);
    try {
      await api('bhyt.saveCard', {
        personId,
        ...(draft.cardId ? { cardId: draft.cardId } : {}),
        cardNumber: draft.cardNumber,
        validFrom: draft.validFrom,
        validTo: draft.validTo,
        source: draft.source,
        note: draft.note,
      });
      setOpen(false);
      setMessage({ error: false, text: 'Đã lưu thẻ BHYT.' });
    } catch (error) {
      const rest = checked.takeIssues(issuesOf(error));
      setMessage({ error: true, text: [messageOf(error), ...rest.map((i) => i.message)].join(' ') });
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const edit = (c: CardView) =>
    start({
      cardId: c.id,
      cardNumber: c.cardNumber,
      validFrom: formatDateVi(c.validFrom),
      validTo: formatDateVi(c.validTo),
      source: c.source,
      note: c.note,
    });

  return (
    <section className="panel" aria-labelledby="bhyt-heading">
      <h2 id="bhyt-heading">Thẻ bảo hiểm y tế</h2>
      <LoadStatus state={state} />
      {state.status === 'loaded' &&
        (state.value.length === 0 ? (
          <p className="empty-note">Chưa ghi thẻ BHYT nào.</p>
        ) : (
          <table className="data-table bhyt-table" aria-labelledby="bhyt-heading">
            <thead>
              <tr>
                <th scope="col">Số thẻ</th>
                <th scope="col">Mã số BHXH</th>
                <th scope="col">Giá trị sử dụng</th>
                <th scope="col">Nguồn đóng</th>
                <th scope="col">Ghi chú</th>
                <th scope="col">Người ghi</th>
                {canWrite && <th scope="col">Thao tác</th>}
              </tr>
            </thead>
            <tbody>
              {state.value.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.cardNumber}
                    {c.current && state.value.length > 1 ? ' (đang dùng)' : ''}
                  </td>
                  <td>{c.bhxhNumber}</td>
                  <td>
                    {formatDateVi(c.validFrom)} – {formatDateVi(c.validTo)}
                  </td>
                  <td>{CARD_SOURCE_LABELS[c.source]}</td>
                  <td>{c.note}</td>
                  <td>{c.recordedBy}</td>
                  {canWrite && (
                    <td>
                      <button type="button" className="btn btn-secondary" onClick={() => edit(c)}>
                        Sửa
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {message && (
        <div
          className={message.error ? 'message message-error' : 'message message-info'}
          role={message.error ? 'alert' : 'status'}
        >
          <p>{message.text}</p>
        </div>
      )}
      {canWrite && !open && (
        <button type="button" className="btn btn-secondary" onClick={() => start(EMPTY)}>
          + Ghi thẻ BHYT
        </button>
      )}
      {canWrite && open && (
        <form
          ref={formRef}
          className="bhyt-form"
          aria-label={draft.cardId ? 'Sửa thẻ BHYT' : 'Ghi thẻ BHYT mới'}
          onSubmit={(e) => void save(e)}
          noValidate
        >
          <TextField
            id="bhyt-number"
            label="Số thẻ BHYT"
            value={draft.cardNumber}
            onChange={(v) => set({ cardNumber: v })}
            onBlur={() => checked.blur('cardNumber')}
            required
            hint="15 ký tự (ví dụ BT2797920001234) hoặc mã số BHXH 10 chữ số"
            error={errors.cardNumber}
          />
          <TextField
            id="bhyt-from"
            label="Giá trị sử dụng từ ngày"
            value={draft.validFrom}
            onChange={(v) => set({ validFrom: v })}
            onBlur={() => checked.blur('validFrom')}
            required
            placeholder="01/01/2026"
            error={errors.validFrom}
          />
          <TextField
            id="bhyt-to"
            label="Đến ngày"
            value={draft.validTo}
            onChange={(v) => set({ validTo: v })}
            onBlur={() => checked.blur('validTo')}
            required
            placeholder="31/12/2026"
            error={errors.validTo}
          />
          <SelectField
            id="bhyt-source"
            label="Nguồn đóng"
            value={draft.source}
            options={CARD_SOURCES.map((s) => ({ value: s, label: CARD_SOURCE_LABELS[s] }))}
            onChange={(v) => set({ source: v as CardSource })}
            error={errors.source}
          />
          <TextField
            id="bhyt-note"
            label="Ghi chú"
            value={draft.note}
            onChange={(v) => set({ note: v })}
            onBlur={() => checked.blur('note')}
            error={errors.note}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Đang lưu…' : 'Lưu thẻ'}
            </button>
            <button type="button" className="btn btn-secondary" disabled={saving} onClick={() => setOpen(false)}>
              Huỷ
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
