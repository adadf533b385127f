import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { FolderPicker } from '../../components/FolderPicker';
import { useJob } from '../../components/useJob';
import { downloadFile } from '../../download';
import { messageOf } from '../../errors';
import type { JobIdOf } from '@shared/api/contract';

// Cài đặt → Nhật ký lỗi (administrator): the app's error log (main/log.ts) as one text file to attach to a
// support request. The desktop app writes it into a folder chosen with the system's dialog; the browser
// harness downloads it. The log holds no citizen IDs, account or phone numbers (main masks them).

const hasNativeDialog = () => typeof window !== 'undefined' && !!window.soAnSinh;

export function SupportLogPage() {
  const toFolder = hasNativeDialog();
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<JobIdOf<'diagnostics.saveLogs'>>();
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | undefined>();
  const job = useJob(jobId);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const saved = status.result;
      if (!saved.path) downloadFile(saved.fileName, saved.contentBase64, 'text/plain;charset=utf-8');
      const what =
        saved.files === 0
          ? 'Chưa có lỗi nào được ghi; tệp chỉ có thông tin phiên bản.'
          : `Gồm ${saved.files} tệp nhật ký.`;
      setOutcome({
        text: `${saved.path ? `Đã lưu «${saved.path}».` : `Đã tải về «${saved.fileName}».`} ${what}`,
        error: false,
      });
    } else {
      setOutcome({ text: status.error?.message ?? 'Không lưu được nhật ký lỗi.', error: true });
    }
    setJobId(undefined);
  }, [job.status]);

  const save = async () => {
    setOutcome(undefined);
    if (toFolder && !folder.trim()) {
      setFolderError('Hãy chọn thư mục để lưu.');
      return;
    }
    try {
      setJobId((await api('diagnostics.saveLogs', toFolder ? { folder } : {})).jobId);
    } catch (e) {
      setOutcome({ text: messageOf(e), error: true });
    }
  };

  return (
    <section className="panel" aria-labelledby="support-log-heading">
      <h2 id="support-log-heading">Nhật ký lỗi</h2>
      <p className="panel-lead">
        Khi ứng dụng gặp lỗi không mong muốn, chi tiết kỹ thuật được ghi vào nhật ký lỗi trên máy này (thư mục «nhat-ky»
        cạnh tệp dữ liệu). Lưu nhật ký thành một tệp để gửi kèm khi nhờ hỗ trợ. Nhật ký không chứa số định danh, số tài
        khoản hay số điện thoại.
      </p>
      {toFolder && (
        <FolderPicker
          id="support-log-folder"
          label="Thư mục lưu"
          value={folder}
          onChange={(v) => {
            setFolder(v);
            setFolderError(undefined);
          }}
          required
          error={folderError}
        />
      )}
      <p>
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={jobId !== undefined}>
          {toFolder ? 'Lưu nhật ký lỗi' : 'Tải nhật ký lỗi về'}
        </button>
      </p>
      {jobId !== undefined && <p role="status">Đang chuẩn bị nhật ký…</p>}
      {outcome && (
        <p
          className={outcome.error ? 'message message-error' : 'message message-info'}
          role={outcome.error ? 'alert' : 'status'}
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}
