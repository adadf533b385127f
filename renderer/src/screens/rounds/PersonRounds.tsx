import { formatDateVi } from '@shared/domain/dates';
import { METHOD_SHORT, ROUND_LINE_STATUS_LABELS } from '@shared/domain/labels';
import { formatVnd } from '@shared/domain/money';
import { LoadStatus } from '../../components/LoadStatus';
import { useApi } from '../../api/query';
import { hrefFor } from '../../routing';
import { REVIEW_STATE_LABELS } from '../payroll/labels';
import { roundPagePath } from './paths';

// The one-off rounds a person is in (Tết gifts, 27/7…), under their money history: one-off money is not
// owed per service month, so it is listed beside the ledger rather than in it. An approved round's line
// shows its payment result (đã chi trả, không thành công, không đến nhận, with the day) instead of the review state.

export function PersonRounds({ personId }: { personId: number }) {
  const { state, reload } = useApi('rounds.forPerson', { personId });
  if (state.status === 'loaded' && state.value.length === 0) return null;
  return (
    <div className="person-rounds">
      <h3 id="person-rounds-heading">Đợt chi một lần (quà Tết, 27/7…)</h3>
      <LoadStatus state={state} onRetry={reload} />
      {state.status === 'loaded' && (
        <table className="data-table" aria-labelledby="person-rounds-heading">
          <thead>
            <tr>
              <th scope="col">Đợt chi</th>
              <th scope="col">Căn cứ</th>
              <th scope="col">Ngày chi</th>
              <th scope="col" className="num">
                Số tiền (đồng)
              </th>
              <th scope="col">Hình thức</th>
              <th scope="col">Trạng thái, kết quả chi trả</th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((r) => (
              <tr key={r.roundId}>
                <th scope="row">
                  <a href={hrefFor(roundPagePath(r.roundId))}>{r.name}</a>
                </th>
                <td>
                  {r.basisNumber} ngày {formatDateVi(r.basisDate)}
                </td>
                <td>{formatDateVi(r.roundDate)}</td>
                <td className="num">{formatVnd(r.amountVnd)}</td>
                <td>{METHOD_SHORT[r.method]}</td>
                <td>
                  {r.result
                    ? `${ROUND_LINE_STATUS_LABELS[r.result.status]}${r.result.onDate ? ` ${formatDateVi(r.result.onDate)}` : ''}${
                        r.result.reason && r.result.status !== 'paid' ? ` (${r.result.reason})` : ''
                      }`
                    : REVIEW_STATE_LABELS[r.review]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
