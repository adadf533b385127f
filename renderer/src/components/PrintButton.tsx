import { useState } from 'react';
import type { PrintResult } from '@shared/api/print';
import { messageOf } from '../errors';

// "In": prints the document directly (the system print dialog, A4, the document's orientation) through
// main; the PDF buttons beside it stay for saving. The outcome is said next to the button.

export function PrintButton({
  label,
  print,
  className,
}: {
  label: string;
  print: () => Promise<PrintResult>;
  className?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | undefined>();
  const run = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      const result = await print();
      setNote({ text: result.message, error: false });
    } catch (error) {
      setNote({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={className ?? 'btn btn-secondary'}
        disabled={busy}
        aria-label={label}
        onClick={() => void run()}
      >
        {busy ? 'Đang in…' : 'In'}
      </button>
      {note && (
        <span
          className={note.error ? 'export-note export-note-error' : 'export-note'}
          role={note.error ? 'alert' : 'status'}
        >
          {note.text}
        </span>
      )}
    </>
  );
}
