import { useState } from 'react';
import { CARD_SOURCE_LABELS, CARD_SOURCES, type CardSource, type CardView } from '@shared/api/bhyt';
import { formatDateVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { LoadStatus } from '../../../components/LoadStatus';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { useApi } from '../../../api/query';
import './bhyt.css';
import { issuesOf, messageOf } from '../../../errors';

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

export function HealthInsuranceCard({ personId, closed }: { personId: number; closed: boolean }) {
  const { state } = useApi('bhyt.cards', { personId });
  const canWrite = useCan('bhyt.saveCard') && !closed;
  const [draft, setDraft] = useState<Draft | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...(d ?? EMPTY), ...patch }));

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setErrors({});
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
      setDraft(undefined);
      setMessage({ error: false, text: 'Đã lưu thẻ BHYT.' });
    } catch (error) {
      setErrors(Object.fromEntries(issuesOf(error).map((i) => [i.path, i.message])));
      setMessage({ error: true, text: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  const edit = (c: CardView) =>
    setDraft({
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
      {canWrite && !draft && (
        <button type="button" className="btn btn-secondary" onClick={() => setDraft(EMPTY)}>
          + Ghi thẻ BHYT
        </button>
      )}
      {canWrite && draft && (
        <form
          className="bhyt-form"
          aria-label={draft.cardId ? 'Sửa thẻ BHYT' : 'Ghi thẻ BHYT mới'}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TextField
            id="bhyt-number"
            label="Số thẻ BHYT"
            value={draft.cardNumber}
            onChange={(v) => set({ cardNumber: v })}
            required
            hint="15 ký tự (ví dụ BT2797920001234) hoặc mã số BHXH 10 chữ số"
            error={errors.cardNumber}
          />
          <TextField
            id="bhyt-from"
            label="Giá trị sử dụng từ ngày"
            value={draft.validFrom}
            onChange={(v) => set({ validFrom: v })}
            required
            placeholder="01/01/2026"
            error={errors.validFrom}
          />
          <TextField
            id="bhyt-to"
            label="Đến ngày"
            value={draft.validTo}
            onChange={(v) => set({ validTo: v })}
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
            error={errors.note}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Đang lưu…' : 'Lưu thẻ'}
            </button>
            <button type="button" className="btn btn-secondary" disabled={saving} onClick={() => setDraft(undefined)}>
              Huỷ
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
