import { useEffect, useState, type FormEvent } from 'react';
import type { ReportsOverview } from '@shared/api/reports';
import { REPORT_TITLES } from '@shared/api/report-labels';
import { api } from '../api/client';
import { JobProgress } from '../components/JobProgress';
import { MonthField } from '../components/MonthField';
import { ScreenTitle } from '../components/ScreenTitle';
import { useJob } from '../components/useJob';
import { messageOf } from '../errors';
import { ChangesPanel } from './reports/ChangesPanel';
import { NonCashPanel } from './reports/NonCashPanel';
import { ProduceButtons } from './reports/ProduceButtons';
import { ProvinceExport } from './reports/ProvinceExport';
import { SummaryPanel } from './reports/SummaryPanel';
import { currentMonth, formatMonthVi, parseMonthVi } from './reports/format';
import './reports/reports.css';
import type { JobIdOf } from '@shared/api/contract';

// Báo cáo: the reports the ward owes the province, for a month (non-cash progress, tăng/giảm) and a
// period (forms 10a/10c/10d, default the half-year), with the same numbers as the files; each report can
// be downloaded as PDF or Excel, and "Xuất báo cáo gửi tỉnh" writes a checked folder to a USB stick.

type Load =
  { status: 'loading' } | { status: 'loaded'; value: ReportsOverview } | { status: 'failed'; message: string };

const halfYearStart = (m: string) => `${m.slice(0, 4)}-${Number(m.slice(5, 7)) <= 6 ? '01' : '07'}`;

export function ReportsScreen() {
  const [month, setMonth] = useState(currentMonth());
  const [from, setFrom] = useState(halfYearStart(currentMonth()));
  const [monthText, setMonthText] = useState(formatMonthVi(month));
  const [fromText, setFromText] = useState(formatMonthVi(from));
  const [errors, setErrors] = useState<{ month?: string; from?: string }>({});
  const [overview, setOverview] = useState<Load>({ status: 'loading' });
  const [reload, setReload] = useState(0);

  // The figures come from a job (the summaries read up to a year of the register): progress and Huỷ.
  const [jobId, setJobId] = useState<JobIdOf<'reports.overview'>>();
  const job = useJob(jobId);
  useEffect(() => {
    let live = true;
    setOverview({ status: 'loading' });
    api('reports.overview', { month, from }).then(
      (started) => live && setJobId(started.jobId),
      (error: unknown) => live && setOverview({ status: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [month, from, reload]);
  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') setOverview({ status: 'loaded', value: status.result });
    else if (status.state === 'cancelled') setOverview({ status: 'failed', message: 'Đã huỷ tổng hợp số liệu.' });
    else setOverview({ status: 'failed', message: status.error?.message ?? 'Không tổng hợp được số liệu.' });
    setJobId(undefined);
  }, [job.status]);

  // One period drives the figures and every download: a month typed in full (or stepped with ◀ ▶) takes
  // effect at once, and the period starts with its half-year unless "Kỳ tổng hợp từ tháng" is changed.
  const changeMonth = (text: string) => {
    setMonthText(text);
    const m = parseMonthVi(text);
    if (!m) {
      setErrors((e) => ({
        ...e,
        month: text.trim() ? undefined : 'Tháng báo cáo: nhập theo dạng tháng/năm, ví dụ 10/2024.',
      }));
      return;
    }
    const f = halfYearStart(m);
    setMonth(m);
    setFrom(f);
    setFromText(formatMonthVi(f));
    setErrors({});
  };
  const changeFrom = (text: string) => {
    setFromText(text);
    const f = parseMonthVi(text);
    if (!f) return;
    if (f > month) {
      setErrors((e) => ({ ...e, from: 'Từ tháng phải trước hoặc bằng tháng báo cáo.' }));
      return;
    }
    setFrom(f);
    setErrors((e) => ({ ...e, from: undefined }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!parseMonthVi(monthText)) next.month = 'Tháng báo cáo: nhập theo dạng tháng/năm, ví dụ 10/2024.';
    const f = parseMonthVi(fromText);
    if (!f) next.from = 'Từ tháng: nhập theo dạng tháng/năm, ví dụ 07/2024.';
    else if (f > month) next.from = 'Từ tháng phải trước hoặc bằng tháng báo cáo.';
    setErrors(next);
    if (!next.month && !next.from) setReload((n) => n + 1);
  };
  // What is typed but not yet a month: the figures below stay those of the period shown in their titles.
  const pending = parseMonthVi(monthText) !== month || (parseMonthVi(fromText) ?? '') !== from;

  const o = overview.status === 'loaded' ? overview.value : undefined;
  return (
    <>
      <ScreenTitle>Báo cáo</ScreenTitle>
      <form className="report-period" onSubmit={submit} aria-label="Chọn kỳ báo cáo">
        <MonthField
          id="report-month"
          label="Tháng báo cáo"
          value={monthText}
          onChange={changeMonth}
          fallbackMonth={month}
          error={errors.month}
        />
        <MonthField
          id="report-from"
          label="Kỳ tổng hợp từ tháng"
          value={fromText}
          onChange={changeFrom}
          fallbackMonth={from}
          error={errors.from}
        />
        <button type="submit" className="btn btn-primary">
          Xem
        </button>
        {pending && (
          <p className="hint report-pending" role="status">
            Số liệu và các tệp tải về bên dưới là của tháng {formatMonthVi(month)} (kỳ {formatMonthVi(from)}–
            {formatMonthVi(month)}) cho đến khi nhập đủ tháng/năm.
          </p>
        )}
      </form>
      {overview.status === 'loading' && (
        <div className="report-actions">
          <p role="status">Đang tổng hợp số liệu…</p>
          {jobId && (
            <JobProgress
              status={job.status}
              label="Tiến độ tổng hợp số liệu"
              unit="tháng"
              cancelling={job.cancelling}
              onCancel={job.cancel}
            />
          )}
        </div>
      )}
      {overview.status === 'failed' && (
        <div className="message message-error" role="alert">
          <p>{overview.message}</p>
          <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
            Thử lại
          </button>
        </div>
      )}
      {o && (
        <>
          <section className="panel" aria-labelledby="report-noncash">
            <h2 id="report-noncash">
              {REPORT_TITLES.noncash} — tháng {formatMonthVi(o.month)}
            </h2>
            <NonCashPanel report={o.nonCash} />
            <ProduceButtons report="noncash" month={o.month} from={o.from} />
          </section>
          <section className="panel" aria-labelledby="report-changes">
            <h2 id="report-changes">
              {REPORT_TITLES.changes} — tháng {formatMonthVi(o.month)}
            </h2>
            <ChangesPanel report={o.changes} />
            <ProduceButtons report="changes" month={o.month} from={o.from} />
          </section>
          {(['form10a', 'form10c', 'form10d'] as const).map((form) => (
            <section key={form} className="panel" aria-labelledby={`report-${form}`}>
              <h2 id={`report-${form}`}>
                {REPORT_TITLES[form]} — kỳ {formatMonthVi(o.from)}–{formatMonthVi(o.month)}
              </h2>
              <SummaryPanel report={o[form]} />
              <ProduceButtons report={form} month={o.month} from={o.from} />
            </section>
          ))}
          <section className="panel" aria-labelledby="report-province">
            <h2 id="report-province">Xuất báo cáo gửi tỉnh</h2>
            <p className="hint">
              Ghi các báo cáo đã chọn (PDF và Excel) vào một thư mục mới trên ổ đã chọn, kèm tệp giới thiệu bộ báo cáo
              (DOC-TOI.txt, mở để đọc trước) và tệp mã kiểm tra giúp nơi nhận biết các tệp còn nguyên vẹn. Nơi nhận và
              tên đơn vị lấy từ Cài đặt → Thông tin đơn vị.
            </p>
            <ProvinceExport month={o.month} from={o.from} />
          </section>
        </>
      )}
    </>
  );
}
