import { useEffect, useRef, useState } from 'react';
import type { ImportAnalysis, ImportConfig, ImportPreview } from '@shared/api/import';
import { formatMonthVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { issuesOf, messageOf } from '../../../errors';
import { hrefFor } from '../../../routing';
import { formatCount } from '../labels';
import { REGISTER_PATHS } from '../paths';
import { CommitStep } from './CommitStep';
import { FileStep } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { STEPS, configProblems, unchosenValues, type StepIndex } from './importState';
import { PreviewStep } from './PreviewStep';
import { SheetsStep } from './SheetsStep';
import { ValuesStep } from './ValuesStep';
import type { JobIdOf } from '@shared/api/contract';

// Nhập từ Excel: file → columns and sheets → group and method texts → preview → import job. Nothing is
// written before the last step; leaving the wizard earlier discards the parsed file.

export function ImportScreen() {
  const [step, setStep] = useState<StepIndex>(0);
  const [analysis, setAnalysis] = useState<ImportAnalysis | undefined>();
  const [config, setConfig] = useState<ImportConfig | undefined>();
  const [month, setMonth] = useState('');
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [monthError, setMonthError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<JobIdOf<'import.commit'>>();
  const stepHeading = useRef<HTMLHeadingElement>(null);

  // A parsed file not imported is dropped when the wizard is left.
  const pendingToken = useRef<string | undefined>(undefined);
  useEffect(
    () => () => {
      if (pendingToken.current) void api('import.discard', { token: pendingToken.current }).catch(() => undefined);
    },
    [],
  );

  const go = (next: StepIndex) => {
    setStep(next);
    setFailure(undefined);
    requestAnimationFrame(() => {
      document.querySelector('.app-scroll')?.scrollTo({ top: 0 });
      stepHeading.current?.focus({ preventScroll: true });
    });
  };

  const analyzed = (a: ImportAnalysis) => {
    pendingToken.current = a.token;
    setAnalysis(a);
    setConfig(a.config);
    setMonth(formatMonthVi(a.asOfMonth.value));
    setPreview(undefined);
    go(1);
  };

  const editConfig = (next: ImportConfig) => {
    setConfig(next);
    setPreview(undefined);
  };

  const runPreview = async (using: ImportConfig | undefined = config) => {
    if (!analysis || !using) return;
    const problems = configProblems(using);
    if (problems.length) {
      setFailure(problems.join(' '));
      return;
    }
    setBusy('Đang kiểm tra từng dòng của tệp…');
    setFailure(undefined);
    try {
      const result = await api('import.preview', { token: analysis.token, config: { ...using, asOfMonth: month } });
      setPreview(result);
      setMonthError(undefined);
      go(3);
    } catch (error) {
      const monthIssue = issuesOf(error).find((i) => i.path.endsWith('asOfMonth'));
      setMonthError(monthIssue?.message);
      setFailure(messageOf(error));
      if (monthIssue) go(1);
    } finally {
      setBusy(undefined);
    }
  };

  // «Ghi tiền mặt, sửa sau»: one explicit choice covering exactly the rows the preview listed (issue 14).
  const chooseCash = (on: boolean) => {
    if (!config || !preview) return;
    const next: ImportConfig = {
      ...config,
      cashForUnpayable: on ? preview.unpayableRows.map((r) => ({ sheet: r.sheet, row: r.row })) : [],
    };
    setConfig(next);
    void runPreview(next);
  };

  const commit = async () => {
    if (!analysis || !config) return;
    setBusy('Đang bắt đầu nhập…');
    setFailure(undefined);
    try {
      const { jobId: id } = await api('import.commit', {
        token: analysis.token,
        config: { ...config, asOfMonth: month },
      });
      pendingToken.current = undefined;
      setJobId(id);
      go(4);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(undefined);
    }
  };

  const unchosen = config ? unchosenValues(config) : { groups: 0, methods: 0 };
  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <ScreenTitle>Nhập từ Excel</ScreenTitle>
      <ol className="wizard-steps" aria-label="Các bước">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined} className={i < step ? 'step-done' : undefined}>
            <span className="step-number" aria-hidden={i < step || undefined}>
              {i < step ? '✓' : i + 1}
            </span>
            {i < step && <span className="sr-only">Bước {i + 1}, đã xong:</span>} {label}
          </li>
        ))}
      </ol>
      <h2 className="sr-only" ref={stepHeading} tabIndex={-1}>
        Bước {step + 1}: {STEPS[step]}
      </h2>

      {step === 0 && <FileStep onAnalyzed={analyzed} />}
      {step === 0 && <ImportHistory />}
      {step === 1 && analysis && config && (
        <SheetsStep
          analysis={analysis}
          config={config}
          month={month}
          monthError={monthError}
          onMonth={(m) => (setMonth(m), setMonthError(undefined), setPreview(undefined))}
          onConfig={editConfig}
        />
      )}
      {step === 2 && analysis && config && <ValuesStep analysis={analysis} config={config} onConfig={editConfig} />}
      {step === 3 && preview && (
        <PreviewStep
          preview={preview}
          cashChosen={(config?.cashForUnpayable?.length ?? 0) > 0}
          onChooseCash={chooseCash}
        />
      )}
      {step === 4 && jobId && <CommitStep jobId={jobId} />}

      {step > 0 && step < 4 && (
        <div className="form-actions form-actions-page wizard-actions">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => go((step - 1) as StepIndex)}
            disabled={busy !== undefined}
          >
            ← Quay lại
          </button>
          {step === 1 && (
            <button type="button" className="btn btn-primary" onClick={() => go(2)}>
              Tiếp tục →
            </button>
          )}
          {step === 2 && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void runPreview()}
              aria-disabled={busy !== undefined || undefined}
            >
              Xem trước →
            </button>
          )}
          {step === 3 && preview && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void commit()}
              disabled={preview.counts.toAdd === 0 || preview.blockingMessage !== null || busy !== undefined}
            >
              Nhập {formatCount(preview.counts.toAdd)} người vào sổ
            </button>
          )}
          {step === 2 && (unchosen.groups > 0 || unchosen.methods > 0) && (
            <span className="hint">
              Còn {unchosen.groups} cách ghi nhóm và {unchosen.methods} cách ghi hình thức nhận chưa chọn.
            </span>
          )}
          <p role="status" className="import-busy">
            {busy ?? ''}
          </p>
          <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
            {failure ?? ''}
          </p>
        </div>
      )}
    </>
  );
}
