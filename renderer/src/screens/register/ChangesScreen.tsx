import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { useApi } from '../../api/query';
import { ScreenTitle } from '../../components/ScreenTitle';
import { hrefFor } from '../../routing';
import { CHANGE_KIND_LABELS, PROGRAMME_SHORT, formatCount } from './labels';
import { REGISTER_PATHS, personPagePath } from './paths';
import { programmeName, referenceOf, useReference } from './useReference';

// Thay đổi tháng sau: whose amount changes next month and why (age transitions, decisions taking effect,
// entitlements ending), so the officer sees it before the payroll does.

export function ChangesScreen() {
  const { state: load, reload } = useApi('register.changesNextMonth', {});
  const state = load.status === 'loaded' ? { status: 'loaded' as const, ...load.value } : load;
  const reference = referenceOf(useReference());

  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <ScreenTitle>
        Thay đổi tháng sau{state.status === 'loaded' ? ` — tháng ${formatMonthVi(state.month)}` : ''}
      </ScreenTitle>
      {state.status === 'loading' && <p role="status">Đang tính các thay đổi…</p>}
      {state.status === 'failed' && (
        <div className="message message-error" role="alert">
          <p>{state.message}</p>
          <button type="button" className="btn btn-secondary" onClick={reload}>
            Thử lại
          </button>
        </div>
      )}
      {state.status === 'loaded' && (
        <section className="panel" aria-label="Danh sách thay đổi">
          <p className="lead">
            {state.rows.length === 0
              ? `Không có thay đổi nào về mức hưởng từ tháng ${formatMonthVi(state.month)}.`
              : `${formatCount(state.rows.length)} thay đổi về mức hưởng từ tháng ${formatMonthVi(state.month)} so với tháng này.`}
          </p>
          {state.rows.length > 0 && (
            <div className="table-scroll">
              <table className="data-table changes-table">
                <thead>
                  <tr>
                    <th scope="col">Người hưởng</th>
                    <th scope="col">Chế độ</th>
                    <th scope="col">Loại thay đổi</th>
                    <th scope="col">Nhóm cũ → mới</th>
                    <th scope="col" className="num">
                      Mức cũ → mới (đồng)
                    </th>
                    <th scope="col">Ghi chú</th>
                  </tr>
                </thead>
                <tbody>
                  {state.rows.map((row) => (
                    <tr key={`${row.entitlementId}-${row.kind}`}>
                      <th scope="row" className="changes-name">
                        <a href={hrefFor(personPagePath(row.personId))}>{row.fullName}</a>
                      </th>
                      <td title={programmeName(reference, row.programme)}>
                        {PROGRAMME_SHORT[row.programme as keyof typeof PROGRAMME_SHORT] ?? row.programme}
                      </td>
                      <td>{CHANGE_KIND_LABELS[row.kind]}</td>
                      <td className="nowrap">{arrow(row.fromGroup ?? '—', row.toGroup ?? '—')}</td>
                      <td className="num">{arrow(formatVnd(row.amountBefore), formatVnd(row.amountAfter))}</td>
                      <td>{row.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}

function arrow(from: string, to: string): string {
  return from === to ? from : `${from} → ${to}`;
}
