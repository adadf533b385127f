import type { OfficeNamesPeriod } from '@shared/api/settings';
import { formatDateVi } from '@shared/domain/dates';
import { useApi } from '../../api/query';

/**
 * The office's names over time: each save starts a period, and a document carries the names in force on
 * its own date (a draft decision reprinted after a reorganisation reads as it did). Shown only once the
 * names have changed at least once.
 */
export function OfficeNamesHistory() {
  const { state } = useApi('settings.officeHistory', {});
  if (state.status !== 'loaded' || state.value.length < 2) return null;
  return (
    <section className="office-history" aria-labelledby="office-history-heading">
      <h3 id="office-history-heading">Tên đơn vị qua các thời kỳ</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Thời gian áp dụng</th>
            <th scope="col">Tên đơn vị</th>
            <th scope="col">Chủ tịch</th>
            <th scope="col">Phó Chủ tịch</th>
          </tr>
        </thead>
        <tbody>
          {state.value.map((p: OfficeNamesPeriod) => (
            <tr key={p.validFrom}>
              <td>{periodText(p)}</td>
              <td>{p.unitName}</td>
              <td>{p.chairmanName}</td>
              <td>{p.deputyChairmanName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const periodText = (p: OfficeNamesPeriod) =>
  p.validFrom <= '1900-01-01'
    ? `Đến ${p.validTo ? formatDateVi(p.validTo) : 'nay'}`
    : `Từ ${formatDateVi(p.validFrom)}${p.validTo ? ` đến ${formatDateVi(p.validTo)}` : ' đến nay'}`;
