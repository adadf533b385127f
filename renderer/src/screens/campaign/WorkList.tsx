import { useState } from 'react';
import type { WorkListExport, WorkListSort } from '@shared/api/campaign';
import type { ChannelInput } from '@shared/api/contract';
import type { ProgrammeCode } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { api } from '../../api/client';
import { useApi } from '../../api/query';
import { useRole } from '../../auth/session';
import { JobProgress } from '../../components/JobProgress';
import { SelectField } from '../../components/SelectField';
import { useDownloadJob } from '../../components/useDownloadJob';
import { hrefFor } from '../../routing';
import { personPagePath } from '../register/paths';
import { METHOD_LABELS } from '@shared/domain/labels';
import { canExport, count } from './labels';

// Danh sách cần vận động: everyone still paid in cash this month, sortable by each column (Vietnamese
// name order), filtered by neighbourhood, paged from main; exported to xlsx as a job for the visits.

const PAGE = 100;

const COLUMNS: Array<{ sort: WorkListSort; label: string; num?: boolean }> = [
  { sort: 'name', label: 'Họ và tên' },
  { sort: 'age', label: 'Tuổi', num: true },
  { sort: 'neighbourhood', label: 'Khu phố' },
  { sort: 'address', label: 'Địa chỉ' },
  { sort: 'phone', label: 'Điện thoại' },
  { sort: 'programme', label: 'Chế độ' },
  { sort: 'method', label: 'Hình thức hiện nay' },
  { sort: 'relative', label: 'Người nhà đã nhận thay' },
];

export function WorkList({
  month,
  programmes,
}: {
  month: string;
  programmes: Array<{ programme: ProgrammeCode; name: string }>;
}) {
  const role = useRole();
  const [sort, setSort] = useState<WorkListSort>('neighbourhood');
  const [descending, setDescending] = useState(false);
  const [neighbourhood, setNeighbourhood] = useState('');
  const [programme, setProgramme] = useState('');
  const [offset, setOffset] = useState(0);

  const filter = {
    month,
    sort,
    descending,
    ...(neighbourhood === '' ? {} : { neighbourhoodId: neighbourhood === 'none' ? null : Number(neighbourhood) }),
    ...(programme === '' ? {} : { programme: programme as ProgrammeCode }),
  };

  // The page on screen stays while another order, filter or page loads.
  const { state: load } = useApi('campaign.workList', { ...filter, offset, limit: PAGE }, { keepPrevious: true });

  // A new month, order or filter starts again at the first page.
  const [shownMonth, setShownMonth] = useState(month);
  if (shownMonth !== month) {
    setShownMonth(month);
    setOffset(0);
  }
  const sortBy = (column: WorkListSort) => {
    setOffset(0);
    if (column === sort) setDescending((d) => !d);
    else {
      setSort(column);
      setDescending(false);
    }
  };
  const filterBy = (set: (v: string) => void) => (v: string) => {
    setOffset(0);
    set(v);
  };

  const page = load.status === 'loaded' ? load.value : undefined;
  const neighbourhoodOptions = (page?.neighbourhoods ?? []).map((n) => ({
    value: n.id === null ? 'none' : String(n.id),
    label: `${n.name || '(chưa ghi khu phố)'} — ${count(n.count)} người`,
  }));

  return (
    <section className="panel campaign-worklist" aria-labelledby="campaign-worklist-title">
      <h2 id="campaign-worklist-title">Danh sách cần vận động — còn nhận tiền mặt tháng {formatMonthVi(month)}</h2>
      <div className="campaign-filters">
        <SelectField
          id="worklist-neighbourhood"
          label="Khu phố"
          value={neighbourhood}
          options={neighbourhoodOptions}
          onChange={filterBy(setNeighbourhood)}
          emptyLabel="Tất cả khu phố"
        />
        <SelectField
          id="worklist-programme"
          label="Chế độ"
          value={programme}
          options={programmes.map((p) => ({ value: p.programme, label: p.name }))}
          onChange={filterBy(setProgramme)}
          emptyLabel="Tất cả chế độ"
        />
        {canExport(role) && <ExportButton filter={filter} />}
      </div>
      {load.status === 'loading' && <p role="status">Đang lập danh sách…</p>}
      {load.status === 'failed' && (
        <p className="message message-error" role="alert">
          {load.message}
        </p>
      )}
      {page && (
        <>
          <p className="lead" role="status" data-testid="worklist-total">
            {page.total === 0 ? 'Không còn ai nhận tiền mặt.' : `${count(page.total)} người còn nhận tiền mặt.`}
          </p>
          {page.total > 0 && (
            <div className="campaign-table-wrap">
              <table className="data-table campaign-worklist-table">
                <caption className="sr-only">Người còn nhận tiền mặt; bấm tiêu đề cột để sắp xếp</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th
                        key={c.sort}
                        scope="col"
                        className={c.num ? 'num' : undefined}
                        aria-sort={c.sort === sort ? (descending ? 'descending' : 'ascending') : undefined}
                      >
                        <button type="button" className="campaign-sort" onClick={() => sortBy(c.sort)}>
                          {c.label}
                          <span aria-hidden="true">{c.sort === sort ? (descending ? ' ▼' : ' ▲') : ''}</span>
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((r) => (
                    <tr key={r.personId}>
                      <th scope="row">
                        <a href={hrefFor(personPagePath(r.personId))}>{r.fullName}</a>
                      </th>
                      <td className="num">{r.age ?? ''}</td>
                      <td>{r.neighbourhood}</td>
                      <td>{r.address}</td>
                      <td className="nowrap">{r.phone}</td>
                      <td>{r.programmes.join(', ')}</td>
                      <td>
                        {METHOD_LABELS[r.method] ?? r.method}
                        {r.fallbackReason && <span className="campaign-reason"> — {r.fallbackReason}</span>}
                      </td>
                      <td>{r.relative ? `${r.relative.receiverName} (nhận thay cho ${r.relative.forName})` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.total > PAGE && (
            <nav className="campaign-pager" aria-label="Trang của danh sách">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                Trang trước
              </button>
              <span>
                {count(offset + 1)}–{count(Math.min(offset + PAGE, page.total))} trên {count(page.total)}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset + PAGE >= page.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Trang sau
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

function ExportButton({ filter }: { filter: ChannelInput<'campaign.exportWorkList'> }) {
  const { running, job, message, start } = useDownloadJob<WorkListExport>({
    done: (file) => `Đã xuất ${count(file.count)} người.`,
    cancelled: 'Đã huỷ xuất danh sách.',
    failed: 'Không xuất được danh sách.',
  });

  return (
    <div className="campaign-export">
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => start(() => api('campaign.exportWorkList', filter))}
        disabled={running}
      >
        Xuất Excel danh sách vận động
      </button>
      {running && (
        <JobProgress
          status={job.status}
          label="Tiến độ xuất danh sách vận động"
          unit="người"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      )}
      {message && (
        <span
          className={message.error ? 'export-note export-note-error' : 'export-note'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </span>
      )}
    </div>
  );
}
