import { useEffect, useRef } from 'react';
import type { ImportResult } from '@shared/api/import';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { JobProgress } from '../../../components/JobProgress';
import { useJob } from '../../../components/useJob';
import { hrefFor } from '../../../routing';
import { formatCount } from '../labels';
import { REGISTER_PATHS } from '../paths';
import type { JobIdOf } from '@shared/api/contract';

// Step 5: the import job: a determinate progress bar (jobs.get, polled), Huỷ (jobs.cancel), then what
// was added and what was skipped as already present.

export function CommitStep({ jobId }: { jobId: JobIdOf<'import.commit'> }) {
  const { status, pollError, cancelling, cancel, finished } = useJob(jobId);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (finished) headingRef.current?.focus();
  }, [finished]);

  return (
    <section className="panel" aria-labelledby="import-job-heading">
      <h2 id="import-job-heading" ref={headingRef} tabIndex={-1}>
        {!finished
          ? 'Đang nhập vào sổ…'
          : status?.state === 'done'
            ? 'Đã nhập xong'
            : status?.state === 'cancelled'
              ? 'Đã huỷ nhập'
              : 'Không nhập được'}
      </h2>
      {!finished && (
        <JobProgress status={status} label="Tiến độ nhập" unit="dòng" cancelling={cancelling} onCancel={cancel} />
      )}
      {pollError && (
        <p role="alert" className="outcome outcome-error">
          {pollError}
        </p>
      )}
      {finished && status?.state === 'done' && <ResultView result={status.result} />}
      {finished && status?.state === 'cancelled' && (
        <div role="status" className="message message-info">
          <p>{status?.label || 'Đã huỷ: không có gì được ghi vào sổ.'}</p>
        </div>
      )}
      {finished && status?.state === 'failed' && (
        <div role="alert" className="message message-error">
          <p>{status?.error?.message ?? 'Không nhập được tệp. Không có gì được ghi vào sổ.'}</p>
        </div>
      )}
      {finished && (
        <p className="import-done-links">
          <a className="btn btn-primary" href={hrefFor(REGISTER_PATHS.list)}>
            Mở Sổ đối tượng
          </a>
        </p>
      )}
    </section>
  );
}

function ResultView({ result }: { result: ImportResult }) {
  return (
    <div role="status" className="import-result">
      <p className="outcome-box-title">{result.message}</p>
      <ul className="import-counts">
        <li className="count-add">
          Đã thêm <strong>{formatCount(result.addedPeople)}</strong> người
        </li>
        <li className="count-exists">
          Bỏ qua <strong>{formatCount(result.skippedExisting)}</strong> người đã có trong sổ
        </li>
        {result.errorRows > 0 && (
          <li className="count-error">
            <strong>{formatCount(result.errorRows)}</strong> dòng lỗi không nhập
          </li>
        )}
        {result.addedReceivers > 0 && (
          <li>
            <strong>{formatCount(result.addedReceivers)}</strong> người được ủy quyền nhận thay
          </li>
        )}
      </ul>
      {Object.keys(result.monthlyTotals).length > 0 && (
        <p>
          Tổng mức hưởng tháng {formatMonthVi(result.asOfMonth)} của những người vừa thêm:{' '}
          {Object.entries(result.monthlyTotals)
            .map(([programme, vnd]) => `${programme} ${formatVnd(vnd)} đồng`)
            .join('; ')}
          .
        </p>
      )}
    </div>
  );
}
