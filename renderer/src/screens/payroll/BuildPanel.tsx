import { useEffect, useState } from 'react';
import type { BuildResult } from '@shared/api/payroll';
import type { ProgrammeCode } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../components/useJob';
import { messageOf } from '../../errors';
import { PROGRAMME_NAMES } from './labels';
import type { JobIdOf } from '@shared/api/contract';

// Builds (or rebuilds) a month's payroll as a job: a determinate progress bar and a Huỷ that leaves
// nothing written. `programmes` limits the build (a payroll page rebuilds only its own programme).

export function BuildPanel(props: {
  month: string;
  programmes?: ProgrammeCode[];
  label: string;
  onBuilt: (result: BuildResult) => void;
}) {
  const [jobId, setJobId] = useState<JobIdOf<'payroll.build'>>();
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<string>();
  const job = useJob(jobId);

  useEffect(() => {
    const s = job.status;
    if (!s || s.state === 'running') return;
    if (s.state === 'done') {
      const result = s.result;
      const built = result.payrolls.map(
        (p) =>
          `${PROGRAMME_NAMES[p.programme] ?? p.programme}: ${p.lineCount.toLocaleString('vi-VN')} dòng, ${formatVnd(p.totalVnd)} đồng`,
      );
      const skipped = result.skipped.map((s) => `${PROGRAMME_NAMES[s.programme] ?? s.programme}: ${s.reason}`);
      const head = built.length
        ? `Đã lập bảng chi trả tháng ${formatMonthVi(result.month)}.`
        : `Không lập bảng nào cho tháng ${formatMonthVi(result.month)}.`;
      setOutcome(
        [
          head,
          ...built,
          ...(skipped.length || built.length ? skipped : ['Không có khoản nào phải chi trong tháng này.']),
        ].join(' · '),
      );
      props.onBuilt(result);
    } else if (s.state === 'failed') setError(s.error?.message ?? s.label);
    else setOutcome(s.label);
    setJobId(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.status?.state]);

  const start = () => {
    setError(undefined);
    setOutcome(undefined);
    api('payroll.build', { month: props.month, ...(props.programmes ? { programmes: props.programmes } : {}) }).then(
      (r) => setJobId(r.jobId),
      (e: unknown) => setError(messageOf(e)),
    );
  };

  return (
    <div className="payroll-build">
      {jobId ? (
        <JobProgress
          status={job.status}
          label="Tiến độ lập bảng chi trả"
          unit="người"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      ) : (
        <button type="button" className="btn btn-primary" onClick={start}>
          {props.label}
        </button>
      )}
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      {outcome && (
        <p className="message message-info" role="status">
          {outcome}
        </p>
      )}
    </div>
  );
}
