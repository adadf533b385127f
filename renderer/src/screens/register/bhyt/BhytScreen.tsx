import { useState, type ReactNode } from 'react';
import { BHYT_SECTION_TITLES, type BhytChange, type BhytListRow } from '@shared/api/bhyt';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useCan } from '../../../auth/session';
import { FolderPicker } from '../../../components/FolderPicker';
import { JobProgress } from '../../../components/JobProgress';
import { LoadStatus } from '../../../components/LoadStatus';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { useFilesJob } from '../../../components/useFilesJob';
import './bhyt.css';
import { hrefFor } from '../../../routing';
import { REGISTER_PATHS, personPagePath } from '../paths';

// Bảo hiểm y tế (#/so-doi-tuong/bhyt, issue 16): the month's list for the social-insurance office
// (cards to start, end, change: bhyt.monthList) with its PDF / Excel export (bhyt.exportList, a job like
// the other exports), and the cards of current beneficiaries ending within 30 days.

const SECTIONS: BhytChange[] = ['start', 'end', 'change'];

const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

export function BhytScreen() {
  const [month, setMonth] = useState(thisMonth);
  const { state } = useApi('bhyt.monthList', { month }, { keepPrevious: true });
  const expiring = useApi('bhyt.expiring', {}).state;
  const canExport = useCan('bhyt.exportList');
  const {
    folder,
    setFolder,
    folderError,
    job,
    outcome,
    start: startJob,
    busy,
  } = useFilesJob('Không lập được danh sách BHYT.');
  const start = (format: 'pdf' | 'xlsx', toFolder: boolean) =>
    startJob(
      (target: string | undefined) =>
        api('bhyt.exportList', { month, format, ...(target !== undefined ? { folder: target } : {}) }),
      toFolder,
    );
  const person = (r: { personId: number; fullName: string }) => (
    <a href={hrefFor(personPagePath(r.personId))}>{r.fullName}</a>
  );

  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <ScreenTitle>Bảo hiểm y tế — danh sách gửi cơ quan BHXH</ScreenTitle>
      <section className="panel" aria-labelledby="bhyt-list-heading">
        <h2 id="bhyt-list-heading">Danh sách cấp, thu hồi, điều chỉnh thẻ tháng {formatMonthVi(month)}</h2>
        <label htmlFor="bhyt-month">Tháng</label>{' '}
        <input
          id="bhyt-month"
          type="month"
          value={month}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
        {canExport && (
          <>
            <div className="payroll-files-write">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={busy}
                onClick={() => void start('pdf', false)}
              >
                Tải danh sách (PDF)
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={busy}
                onClick={() => void start('xlsx', false)}
              >
                Tải danh sách (Excel)
              </button>
            </div>
            <div className="payroll-files-write">
              <FolderPicker
                id="bhyt-folder"
                label="Thư mục lưu (USB)"
                value={folder}
                onChange={setFolder}
                error={folderError}
              />
              <button
                type="button"
                className="btn btn-secondary"
                disabled={busy}
                onClick={() => void start('pdf', true)}
              >
                Ghi PDF vào thư mục
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={busy}
                onClick={() => void start('xlsx', true)}
              >
                Ghi Excel vào thư mục
              </button>
            </div>
          </>
        )}
        {busy && (
          <JobProgress
            status={job.status}
            label="Tiến độ lập danh sách BHYT"
            unit="bước"
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
        )}
        {outcome.kind !== 'none' && (
          <div
            className={outcome.kind === 'error' ? 'message message-error' : 'message message-info'}
            role={outcome.kind === 'error' ? 'alert' : 'status'}
          >
            <p>{outcome.text}</p>
          </div>
        )}
        <LoadStatus state={state} />
        {state.status === 'loaded' &&
          SECTIONS.map((kind) => <Section key={kind} kind={kind} rows={state.value[kind]} person={person} />)}
      </section>

      <section className="panel" aria-labelledby="bhyt-expiring-heading">
        <h2 id="bhyt-expiring-heading">Thẻ của người đang hưởng hết hạn trong 30 ngày tới</h2>
        <LoadStatus state={expiring} />
        {expiring.status === 'loaded' &&
          (expiring.value.length === 0 ? (
            <p className="empty-note">Không có thẻ nào sắp hết hạn.</p>
          ) : (
            <>
              {expiring.value.length >= 1000 && (
                <p className="empty-note">Hiện 1.000 thẻ hết hạn sớm nhất; còn thẻ khác hết hạn trong 30 ngày tới.</p>
              )}
              <table className="data-table bhyt-table" aria-labelledby="bhyt-expiring-heading">
                <thead>
                  <tr>
                    <th scope="col">Họ và tên</th>
                    <th scope="col">Khu phố</th>
                    <th scope="col">Số thẻ</th>
                    <th scope="col">Hết hạn</th>
                  </tr>
                </thead>
                <tbody>
                  {expiring.value.map((c) => (
                    <tr key={c.personId}>
                      <td>{person(c)}</td>
                      <td>{c.neighbourhood}</td>
                      <td>{c.cardNumber}</td>
                      <td>{formatDateVi(c.validTo)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ))}
      </section>
    </>
  );
}

function Section({
  kind,
  rows,
  person,
}: {
  kind: BhytChange;
  rows: BhytListRow[];
  person: (r: BhytListRow) => ReactNode;
}) {
  const id = `bhyt-${kind}`;
  return (
    <>
      <h3 id={id}>
        {BHYT_SECTION_TITLES[kind]}: {rows.length} người
      </h3>
      {rows.length === 0 ? (
        <p className="empty-note">Không có.</p>
      ) : (
        <table className="data-table bhyt-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Ngày sinh</th>
              <th scope="col">Mã số BHXH</th>
              <th scope="col">Diện hưởng tháng trước</th>
              <th scope="col">Diện hưởng trong tháng</th>
              <th scope="col">Lý do</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.personId}>
                <td>
                  {person(r)}
                  {r.neighbourhood ? ` (${r.neighbourhood})` : ''}
                </td>
                <td>{r.birthText}</td>
                <td>{r.bhxhNumber || '—'}</td>
                <td>{r.groupBefore}</td>
                <td>{r.groupAfter}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
