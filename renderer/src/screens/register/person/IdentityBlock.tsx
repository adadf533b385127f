import { useEffect, useState } from 'react';
import type { PersonDetail } from '@shared/api/register';
import { api } from '../../../api/client';
import { messageOf } from '../../../errors';
import { formatBirthDate, formatDateVi } from '@shared/domain/dates';
import { GENDER_LABELS } from '../labels';

/** Thông tin cá nhân, with the data-quality notes (legacy ID, missing ID, cross-checks) on top. */
export function IdentityBlock({ detail }: { detail: PersonDetail }) {
  const p = detail.person;
  const reveal = useReveal(p.id);
  const ids = reveal.shown ?? { citizenId: p.citizenId, legacyId: p.legacyId };
  const facts: Array<[string, string]> = [
    ['Ngày sinh', p.birth ? formatBirthDate(p.birth) : 'Chưa rõ'],
    ['Giới tính', p.gender ? GENDER_LABELS[p.gender] : 'Chưa rõ'],
    ['Số định danh', ids.citizenId || 'Chưa có'],
    ['Số CMND cũ', ids.legacyId],
    ['Ngày cấp', p.idIssueDate ? formatDateVi(p.idIssueDate) : ''],
    ['Nơi cấp', p.idIssuePlace],
    ['Địa chỉ', p.address],
    ['Khu phố', p.neighbourhood],
    ['Điện thoại', p.phone],
    ['Số thẻ BHYT', p.healthInsuranceNo],
    ['Ngày mất', p.deathDate ? formatDateVi(p.deathDate) : ''],
    ['Ngày chuyển đi', p.movedAwayDate ? formatDateVi(p.movedAwayDate) : ''],
    ['Ghi chú', p.note],
  ];
  const warnings = [...new Set(detail.warnings.map((w) => w.message))];
  return (
    <section className="panel" aria-labelledby="identity-heading">
      <h2 id="identity-heading">Thông tin cá nhân</h2>
      {warnings.length > 0 && (
        <div className="message message-warning" role="note" aria-label="Cần kiểm tra">
          <p className="message-title">Cần kiểm tra</p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {(p.citizenId || p.legacyId) && (
        <p className="reveal-line">
          {reveal.shown ? (
            <span role="status">Đang hiện đầy đủ số giấy tờ (đã ghi vào nhật ký).</span>
          ) : (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={reveal.show}
              aria-disabled={reveal.busy || undefined}
            >
              Hiện đầy đủ số giấy tờ
            </button>
          )}
          {reveal.error && (
            <span className="field-error" role="alert">
              {reveal.error}
            </span>
          )}
        </p>
      )}
      <dl className="facts facts-two">
        {facts
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              {/* Dates, ID and insurance numbers, phones never break across lines ("22/0 7/19 69"). */}
              <dd className={KEEP_WHOLE.has(label) ? 'nowrap' : undefined}>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

const KEEP_WHOLE = new Set([
  'Ngày sinh',
  'Số định danh',
  'Số CMND cũ',
  'Ngày cấp',
  'Điện thoại',
  'Số thẻ BHYT',
  'Ngày mất',
  'Ngày chuyển đi',
]);

/** Citizen IDs are masked on screen; showing them in full is a request that main writes to the audit log. */
function useReveal(id: number) {
  const [shown, setShown] = useState<{ citizenId: string; legacyId: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    setShown(undefined);
    setError('');
  }, [id]);
  const show = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      setShown(await api('people.reveal', { id }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { shown, busy, error, show };
}
