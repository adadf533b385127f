import type { DecisionView, ReferenceData } from '@shared/api/register';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { DECISION_KIND_LABELS } from '../labels';
import { programmeName } from '../useReference';

/** Every decision about the person, in the order they take effect. */
export function DecisionsTable({
  decisions,
  reference,
}: {
  decisions: readonly DecisionView[];
  reference: ReferenceData | undefined;
}) {
  if (decisions.length === 0) return <p className="empty-note">Chưa có quyết định nào.</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Hiệu lực từ</th>
          <th scope="col">Loại</th>
          <th scope="col">Số QĐ</th>
          <th scope="col">Ngày ký</th>
          <th scope="col">Chế độ</th>
          <th scope="col">Người ký</th>
          <th scope="col">Lý do</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => (
          <tr key={d.id}>
            <td>{formatMonthVi(d.effectiveMonth)}</td>
            <td>
              <span className={`decision-kind decision-${d.kind}`}>{DECISION_KIND_LABELS[d.kind]}</span>
            </td>
            <th scope="row">{d.number}</th>
            <td>{d.signedDate ? formatDateVi(d.signedDate) : ''}</td>
            <td>{programmeName(reference, d.programme)}</td>
            <td>{d.signer}</td>
            <td>
              {[
                d.reason,
                householdNote(d),
                d.eligibilityReason && `Căn cứ xác định đủ điều kiện: ${d.eligibilityReason}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Hộ cận nghèo (danh sách năm 2026)" for a social pension granted at 70 to under 75. */
function householdNote(d: { household: 'poor' | 'near_poor' | null; householdListYear: number | null }): string {
  if (!d.household) return '';
  return `${d.household === 'poor' ? 'Hộ nghèo' : 'Hộ cận nghèo'}${d.householdListYear ? ` (danh sách năm ${d.householdListYear})` : ''}`;
}
