import type { JobStatus } from '@shared/api/import';

/** A determinate progress bar for a running job, with its label and a Huỷ button. */
export function JobProgress(props: {
  status: JobStatus | undefined;
  label: string;
  unit: string;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const total = Math.max(props.status?.total ?? 0, 1);
  const done = Math.min(props.status?.done ?? 0, total);
  const percent = Math.round((done / total) * 100);
  return (
    <>
      <div
        className="progress"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done.toLocaleString('vi-VN')} trên ${total.toLocaleString('vi-VN')} ${props.unit} (${percent}%)`}
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-label">
        {props.status?.label ?? 'Đang bắt đầu…'} — {percent}%
      </p>
      <button type="button" className="btn btn-danger" onClick={props.onCancel} disabled={props.cancelling}>
        {props.cancelling ? 'Đang huỷ…' : 'Huỷ'}
      </button>
    </>
  );
}
