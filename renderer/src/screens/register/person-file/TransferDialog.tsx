import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TransferFilesResult } from '@shared/api/person-file';
import type { PersonDetail } from '@shared/api/register';
import { formatDateVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import {
  DEFAULT_EXPORT_PROTECTION,
  ExportProtection,
  type ExportProtectionValue,
} from '../../../components/ExportProtection';
import { FolderPicker } from '../../../components/FolderPicker';
import { JobProgress } from '../../../components/JobProgress';
import { TextField } from '../../../components/TextField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { useJob } from '../../../components/useJob';
import { downloadFile } from '../../../download';
import { issuesOf, messageOf } from '../../../errors';
import { DecisionFields } from '../decision/DecisionFields';
import {
  emptyDecision,
  localDateError,
  localDecisionErrors,
  toDecisionInputWithoutMonth,
  type DecisionForm,
} from '../decision/decisionForm';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { DialogActions } from '../../../components/DialogActions';

// Chuyển hồ sơ đi nơi khác (issue 16): first the move (the ward moved to and the stop decision: the same
// move-out as "Chuyển đi"), then the files: the person file PDF and the signed transfer file, encrypted
// by default, downloaded or written to a stick. For someone already moved away the dialog opens on the
// move with the recorded date (a transfer not recorded yet) or on the files (written again).

export function TransferDialog({
  detail,
  recorded,
  onRecorded,
  onClose,
}: {
  detail: PersonDetail;
  recorded: boolean;
  onRecorded: () => void;
  onClose: () => void;
}) {
  const id = 'transfer';
  const [step, setStep] = useState<'move' | 'files'>(recorded ? 'files' : 'move');
  const decision = useCheckedForm<DecisionForm>(
    () => emptyDecision(),
    (d) => localDecisionErrors(d, false, ''),
    (path) => /^decision\.(.+)$/.exec(path)?.[1] as keyof DecisionForm | undefined,
  );
  const move = useCheckedForm<{ movedDate: string; toUnit: string }>(
    { movedDate: detail.person.movedAwayDate ? formatDateVi(detail.person.movedAwayDate) : '', toUnit: '' },
    (v) => ({
      movedDate: localDateError(v.movedDate, 'Ngày chuyển đi'),
      toUnit: v.toUnit.trim() ? undefined : 'Nơi chuyển đến: cần nhập.',
    }),
    (path) => (path === 'movedDate' || path === 'toUnit' ? path : undefined),
  );
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => setFailure(undefined), [decision.value, move.value]);

  const formRef = useRef<HTMLFormElement>(null);

  const [protection, setProtection] = useState<ExportProtectionValue>(DEFAULT_EXPORT_PROTECTION);
  const [folder, setFolder] = useState('');
  const [passError, setPassError] = useState<string | undefined>();
  const [folderError, setFolderError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<string | undefined>();
  const [done, setDone] = useState<{ text: string; error: boolean } | undefined>();
  const job = useJob(jobId);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const result = status.result as TransferFilesResult;
      const stamp = `Mã kiểm tra SHA-256: ${result.sha256}. Dấu vân tay khoá ký: ${result.keyFingerprint}.`;
      if (result.destination === 'download') {
        for (const f of result.files) downloadFile(f.fileName, f.contentBase64, f.mimeType);
        setDone({ text: `Đã tải về ${result.files.map((f) => f.fileName).join(' và ')}. ${stamp}`, error: false });
      } else {
        setDone({
          text: `Đã ghi và kiểm tra lại ${result.files.map((f) => f.path).join(' và ')}. ${stamp}`,
          error: false,
        });
      }
    } else if (status.state === 'cancelled') setDone({ text: 'Đã huỷ: không có tệp nào được ghi.', error: false });
    else setDone({ text: status.error?.message ?? 'Không ghi được tệp chuyển hồ sơ.', error: true });
    setJobId(undefined);
  }, [job.status]);

  const record = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    decision.showAll();
    move.showAll();
    setSaving(true);
    setFailure(undefined);
    try {
      await api('personFile.recordTransfer', {
        personId: detail.person.id,
        movedDate: move.value.movedDate,
        toUnit: move.value.toUnit,
        decision: toDecisionInputWithoutMonth(decision.value),
      });
      onRecorded();
      setStep('files');
    } catch (error) {
      move.takeIssues(decision.takeIssues(issuesOf(error)));
      setFailure(messageOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const writeFiles = async (toFolder: boolean) => {
    setDone(undefined);
    setPassError(undefined);
    setFolderError(undefined);
    try {
      const started = await api('personFile.transferFiles', {
        personId: detail.person.id,
        passphrase: protection.passphrase,
        clear: protection.clear,
        ...(toFolder ? { folder } : {}),
      });
      setJobId(started.jobId);
    } catch (error) {
      const issues = issuesOf(error);
      setPassError(issues.find((i) => i.path === 'passphrase')?.message);
      setFolderError(issues.find((i) => i.path === 'folder')?.message);
      // Moved away through "Chuyển đi" without a transfer: record where to first.
      if (messageOf(error).includes('Chưa ghi chuyển hồ sơ đi')) {
        setStep('move');
        setFailure(messageOf(error));
        return;
      }
      setDone({ text: messageOf(error), error: true });
    }
  };

  return (
    <Dialog title={`Chuyển hồ sơ đi nơi khác — ${detail.person.fullName}`} onClose={onClose} wide>
      {step === 'move' ? (
        <form ref={formRef} onSubmit={record} noValidate>
          <p className="hint">
            Ghi nơi chuyển đến và quyết định thôi hưởng: các chế độ thôi từ tháng sau tháng chuyển đi (tháng chuyển đi
            vẫn do đơn vị chi trả). Sau đó ghi hồ sơ và tệp chuyển hồ sơ cho nơi nhận.
          </p>
          <div className="dialog-grid">
            <TextField
              id={`${id}-to`}
              label="Nơi chuyển đến (xã, phường)"
              required
              hint="Ví dụ: Phường Phú Thủy, tỉnh Lâm Đồng"
              value={move.value.toUnit}
              onChange={(v) => move.change({ ...move.value, toUnit: v }, 'toUnit')}
              onBlur={() => move.blur('toUnit')}
              error={move.errors.toUnit}
            />
            <TextField
              id={`${id}-date`}
              label="Ngày chuyển đi"
              required
              hint="Ngày/tháng/năm"
              value={move.value.movedDate}
              onChange={(v) => move.change({ ...move.value, movedDate: v }, 'movedDate')}
              onBlur={() => move.blur('movedDate')}
              error={move.errors.movedDate}
            />
          </div>
          <h3 className="dialog-subtitle">Quyết định thôi hưởng</h3>
          <DecisionFields
            idPrefix={id}
            value={decision.value}
            onChange={decision.change}
            onBlurField={decision.blur}
            errors={decision.errors}
          />
          <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Ghi chuyển hồ sơ đi" />
        </form>
      ) : (
        <div className="transfer-files">
          <p className="hint">
            Ghi hồ sơ đối tượng (PDF) và tệp chuyển hồ sơ để gửi nơi nhận. In hồ sơ, ký và đóng dấu: trên đó có mã kiểm
            tra và dấu vân tay khoá ký để nơi nhận đối chiếu khi nhập tệp.
          </p>
          <ExportProtection
            idPrefix={id}
            value={protection}
            onChange={setProtection}
            error={passError}
            offerProtectedGroups={false}
          />
          <FolderPicker
            id={`${id}-folder`}
            label="Thư mục lưu (USB)"
            value={folder}
            onChange={setFolder}
            error={folderError}
          />
          <div className="dialog-buttons">
            <button
              type="button"
              className="btn btn-primary"
              disabled={jobId !== undefined || !folder.trim()}
              onClick={() => void writeFiles(true)}
            >
              Ghi vào thư mục
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={jobId !== undefined}
              onClick={() => void writeFiles(false)}
            >
              Tải về
            </button>
            <button type="button" className="btn btn-secondary" onClick={onClose}>
              Đóng
            </button>
          </div>
          {jobId && (
            <JobProgress
              status={job.status}
              label="Đang lập hồ sơ chuyển đi"
              unit="bước"
              cancelling={job.cancelling}
              onCancel={job.cancel}
            />
          )}
          {done && (
            <p
              className={done.error ? 'message message-error' : 'message message-info'}
              role={done.error ? 'alert' : 'status'}
            >
              {done.text}
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}
