import type { PersonDetail } from '../../../../../shared/api/register';
import { formatBirthDate, formatDateVi } from '../../../../../shared/domain/dates';
import { GENDER_LABELS } from '../labels';

/** Thông tin cá nhân, with the data-quality notes (legacy ID, missing ID, cross-checks) on top. */
export function IdentityBlock({ detail }: { detail: PersonDetail }) {
  const p = detail.person;
  const facts: Array<[string, string]> = [
    ['Ngày sinh', p.birth ? formatBirthDate(p.birth) : 'Chưa rõ'],
    ['Giới tính', p.gender ? GENDER_LABELS[p.gender] : 'Chưa rõ'],
    ['Số định danh', p.citizenId || 'Chưa có'],
    ['Số CMND cũ', p.legacyId],
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
      <dl className="facts facts-two">
        {facts
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
