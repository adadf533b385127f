import { useEffect, useState, type FormEvent } from 'react';
import type { CampaignTrend } from '@shared/api/campaign';
import type { ProgrammeCode } from '@shared/api/register';
import { api } from '../api/client';
import { useApi } from '../api/query';
import { useRole } from '../auth/session';
import { JobProgress } from '../components/JobProgress';
import { MonthField } from '../components/MonthField';
import { ScreenTitle } from '../components/ScreenTitle';
import { useJob } from '../components/useJob';
import { messageOf } from '../errors';
import { ProgrammeTable } from './campaign/ProgrammeTable';
import { TargetEditor } from './campaign/TargetEditor';
import { TrendChart } from './campaign/TrendChart';
import { WorkList } from './campaign/WorkList';
import { canSetTarget, currentMonth, formatMonthVi, parseMonthVi } from './campaign/labels';
import './campaign/campaign.css';
import type { JobIdOf } from '@shared/api/contract';

// Chuyển khoản: how far the ward is in moving beneficiaries from cash to accounts, for a month: per
// programme and group, against the assigned target, the 12-month trend, and who is still paid in cash.

type Load<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

export function CampaignScreen() {
  const role = useRole();
  const [month, setMonth] = useState(currentMonth());
  const [monthText, setMonthText] = useState(formatMonthVi(currentMonth()));
  const [monthError, setMonthError] = useState<string | undefined>();
  // Loaded again by the data layer after a target is set or cleared, or any write to the register.
  const { state: progress, reload } = useApi('campaign.progress', { month });
  const [trend, setTrend] = useState<Load<CampaignTrend>>({ status: 'loading' });
  const [editing, setEditing] = useState<ProgrammeCode | undefined>();
  const [trendJobId, setTrendJob] = useState<JobIdOf<'campaign.trend'>>();
  const trendJob = useJob(trendJobId);

  // The trend is a job (a few seconds on a large register): progress per month, and Huỷ.
  useEffect(() => {
    let live = true;
    setTrendJob(undefined);
    setTrend({ status: 'loading' });
    api('campaign.trend', { month }).then(
      ({ jobId }) => live && setTrendJob(jobId),
      (error: unknown) => live && setTrend({ status: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [month]);
  useEffect(() => {
    const status = trendJob.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') setTrend({ status: 'loaded', value: status.result });
    else if (status.state === 'cancelled') setTrend({ status: 'failed', message: 'Đã huỷ tính diễn biến.' });
    else setTrend({ status: 'failed', message: status.error?.message ?? 'Không tính được diễn biến.' });
    setTrendJob(undefined);
  }, [trendJob.status]);

  const go = (m: string) => {
    setMonth(m);
    setMonthText(formatMonthVi(m));
    setMonthError(undefined);
  };
  const submitMonth = (event: FormEvent) => {
    event.preventDefault();
    const m = parseMonthVi(monthText);
    if (!m) setMonthError('Tháng: nhập theo dạng tháng/năm, ví dụ 10/2024.');
    else go(m);
  };

  const p = progress.status === 'loaded' ? progress.value : undefined;
  return (
    <>
      <ScreenTitle>Chuyển khoản — tiến độ chi trả không dùng tiền mặt</ScreenTitle>
      <form className="campaign-month" onSubmit={submitMonth} aria-label="Chọn tháng">
        <MonthField
          id="campaign-month"
          label="Tháng"
          value={monthText}
          onChange={(text) => {
            setMonthText(text);
            const m = parseMonthVi(text);
            if (m) go(m);
          }}
          fallbackMonth={month}
          error={monthError}
        />
        <button type="submit" className="btn btn-primary">
          Xem
        </button>
      </form>
      <p className="hint campaign-basis">
        Tính theo hình thức được chi thực tế trong tháng: người đăng ký tài khoản nhưng bị chặn (giấy ủy quyền hết hạn
        hoặc bị hủy, người ủy quyền đã chết, tài khoản đã đóng) được tính là tiền mặt và ghi ở cột «Bị chặn». Tỷ lệ làm
        tròn một chữ số thập phân (từ 5 trở lên làm tròn lên).
      </p>
      {progress.status === 'loading' && <p role="status">Đang tính số liệu tháng {formatMonthVi(month)}…</p>}
      {progress.status === 'failed' && (
        <div className="message message-error" role="alert">
          <p>{progress.message}</p>
          <button type="button" className="btn btn-secondary" onClick={reload}>
            Thử lại
          </button>
        </div>
      )}
      {p && p.programmes.length === 0 && (
        <p className="lead">Tháng {formatMonthVi(month)} không có đối tượng nào đang hưởng.</p>
      )}
      {p?.programmes.map((x) => (
        <section key={x.programme} className="panel campaign-programme" aria-labelledby={`campaign-${x.programme}`}>
          <h2 id={`campaign-${x.programme}`}>
            {x.name} — tháng {formatMonthVi(p.month)}
          </h2>
          <ProgrammeTable p={x} monthText={formatMonthVi(p.month)} />
          {canSetTarget(role) &&
            (editing === x.programme ? (
              <TargetEditor
                programme={x.programme}
                name={x.name}
                month={p.month}
                target={x.target}
                onSaved={() => {
                  setEditing(undefined);
                }}
                onClose={() => setEditing(undefined)}
              />
            ) : (
              <button type="button" className="btn btn-secondary" onClick={() => setEditing(x.programme)}>
                {x.target ? 'Sửa chỉ tiêu' : 'Đặt chỉ tiêu'}
                <span className="sr-only"> — {x.name}</span>
              </button>
            ))}
        </section>
      ))}
      <section className="panel" aria-labelledby="campaign-trend-title">
        <h2 id="campaign-trend-title">Diễn biến 12 tháng</h2>
        {trend.status === 'loading' && (
          <div className="campaign-trend-progress">
            <JobProgress
              status={trendJob.status}
              label="Tiến độ tính diễn biến"
              unit="tháng"
              cancelling={trendJob.cancelling}
              onCancel={trendJob.cancel}
            />
          </div>
        )}
        {trend.status === 'failed' && (
          <p className="message message-error" role="alert">
            {trend.message}
          </p>
        )}
        {trend.status === 'loaded' && <TrendChart trend={trend.value} />}
      </section>
      <WorkList month={month} programmes={p?.programmes.map((x) => ({ programme: x.programme, name: x.name })) ?? []} />
    </>
  );
}
