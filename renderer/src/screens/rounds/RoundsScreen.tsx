import { useState } from 'react';
import type { RoundView } from '@shared/api/rounds';
import { formatDateVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { useCan } from '../../auth/session';
import { LoadStatus } from '../../components/LoadStatus';
import { ScreenTitle } from '../../components/ScreenTitle';
import { useApi } from '../../api/query';
import { hrefFor } from '../../routing';
import { PAYROLL_LIST_PATH } from '../payroll/paths';
import { REVIEW_STATE_LABELS } from '../payroll/labels';
import { CreateRoundForm } from './CreateRoundForm';
import { roundPagePath } from './paths';
import './rounds.css';

// Chi trả → Đợt chi một lần (#/chi-tra/dot-chi): the rounds (Tết gifts, 27/7 gifts…) with their state and
// totals, and the officer's form to create one (CreateRoundForm.tsx).

export function RoundsScreen() {
  const { state, reload } = useApi('rounds.list', {});
  const canCreate = useCan('rounds.create');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <p className="back-link">
        <a href={hrefFor(PAYROLL_LIST_PATH)}>← Chi trả</a>
      </p>
      <ScreenTitle>Đợt chi một lần (quà Tết, 27/7…)</ScreenTitle>
      <section className="panel" aria-labelledby="rounds-list-title">
        <h2 id="rounds-list-title">Các đợt chi</h2>
        <LoadStatus state={state} onRetry={reload} />
        {state.status === 'loaded' && <RoundsTable rows={state.value} />}
        {canCreate && !creating && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Lập đợt chi mới
          </button>
        )}
      </section>
      {canCreate && creating && <CreateRoundForm onCancel={() => setCreating(false)} />}
    </>
  );
}

function RoundsTable({ rows }: { rows: RoundView[] }) {
  if (!rows.length) return <p className="empty-note">Chưa có đợt chi nào.</p>;
  return (
    <table className="data-table round-table" aria-label="Danh sách đợt chi">
      <thead>
        <tr>
          <th scope="col">Đợt chi</th>
          <th scope="col">Căn cứ</th>
          <th scope="col">Ngày chi</th>
          <th scope="col">Trạng thái</th>
          <th scope="col" className="num">
            Số người
          </th>
          <th scope="col" className="num">
            Tổng tiền (đồng)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={hrefFor(roundPagePath(r.id))}>{r.name}</a>
            </th>
            <td>
              {r.basisNumber} ngày {formatDateVi(r.basisDate)} của {r.basisIssuer}
            </td>
            <td>{formatDateVi(r.roundDate)}</td>
            <td>{REVIEW_STATE_LABELS[r.review]}</td>
            <td className="num">{formatVnd(r.lineCount)}</td>
            <td className="num">{formatVnd(r.totalVnd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
