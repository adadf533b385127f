import { useEffect, useState } from 'react';
import { FORM_PRINTERS, type PrintedPdf } from '@shared/api/forms';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useRole } from '../../../auth/session';
import { JobProgress } from '../../../components/JobProgress';
import { PrintButton } from '../../../components/PrintButton';
import { useJob } from '../../../components/useJob';
import { messageOf } from '../../../errors';
import { handOverPdf } from '../../../print';
import type { JobIdOf } from '@shared/api/contract';

// Print buttons for the payout documents: one authorization's form, the change-of-method request, and every
// pending form in one PDF (a job with progress). Shown to the officer and the approver (main enforces).
// In the desktop app the PDF opens in the system's viewer; in the browser harness it downloads.

type Note = { text: string; error: boolean } | undefined;

function NoteLine({ note }: { note: Note }) {
  if (!note) return null;
  return (
    <span
      className={note.error ? 'export-note export-note-error' : 'export-note'}
      role={note.error ? 'alert' : 'status'}
    >
      {note.text}
    </span>
  );
}

const mayPrint = (role: string) => (FORM_PRINTERS as readonly string[]).includes(role);

function usePrint(what: string) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const run = async (print: () => Promise<PrintedPdf>) => {
    setBusy(true);
    setNote(undefined);
    try {
      setNote({ text: handOverPdf(await print(), what), error: false });
    } catch (error) {
      setNote({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return { busy, note, run };
}

export function AuthorizationFormButton({ authorizationId }: { authorizationId: number }) {
  const print = usePrint('giấy ủy quyền');
  if (!mayPrint(useRole())) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={print.busy}
        onClick={() => void print.run(async () => await api('forms.authorization', { authorizationId }))}
      >
        {print.busy ? 'Đang in…' : 'In giấy ủy quyền'}
      </button>
      <NoteLine note={print.note} />
      <PrintButton
        label="In giấy ủy quyền ra máy in (khổ A4)"
        print={async () => await api('print.authorizationForm', { authorizationId })}
      />
    </>
  );
}

export function ChangeRequestButton({ personId }: { personId: number }) {
  const print = usePrint('đơn đề nghị thay đổi hình thức nhận');
  if (!mayPrint(useRole())) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={print.busy}
        title="Đơn để người hưởng ký khi muốn đổi hình thức nhận trợ cấp, điền sẵn từ sổ"
        onClick={() => void print.run(async () => await api('forms.changeRequest', { personId }))}
      >
        {print.busy ? 'Đang in…' : 'In đơn đổi hình thức nhận'}
      </button>
      <NoteLine note={print.note} />
    </>
  );
}

/** The count is the data layer's: read again after every write (a certification, a renewal). */
export function PendingFormsButton() {
  const role = useRole();
  const [jobId, setJobId] = useState<JobIdOf<'forms.pendingAuthorizations'>>();
  const [note, setNote] = useState<Note>();
  const job = useJob(jobId);
  const allowed = mayPrint(role);

  const count = useApi('forms.pendingCount', {}, { enabled: allowed }).value?.count;

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const printed = status.result;
      setNote({
        text: handOverPdf(printed, `${printed.count.toLocaleString('vi-VN')} giấy ủy quyền chờ chứng thực`),
        error: false,
      });
    } else if (status.state === 'cancelled') {
      setNote({ text: 'Đã huỷ in giấy ủy quyền.', error: false });
    } else {
      setNote({ text: status.error?.message ?? 'Không in được giấy ủy quyền.', error: true });
    }
    setJobId(undefined);
  }, [job.status]);

  if (!allowed) return null;
  const start = async () => {
    setNote(undefined);
    try {
      setJobId((await api('forms.pendingAuthorizations', {})).jobId);
    } catch (error) {
      setNote({ text: messageOf(error), error: true });
    }
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => void start()}
        disabled={jobId !== undefined || count === 0}
      >
        In giấy ủy quyền chờ chứng thực{count !== undefined ? ` (${count.toLocaleString('vi-VN')})` : ''}
      </button>
      {jobId && (
        <div className="export-progress">
          <JobProgress
            status={job.status}
            label="Tiến độ in giấy ủy quyền"
            unit="giấy"
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
        </div>
      )}
      <NoteLine note={note} />
    </>
  );
}
