import { useState } from 'react';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { messageOf } from '../../../errors';
import { handOverPdf } from '../../../print';

// "In hồ sơ": the person's whole file as one PDF (personFile.pdf), for the paper file.

export function PrintPersonFileButton({ personId }: { personId: number }) {
  const canPrint = useCan('personFile.pdf');
  const [printing, setPrinting] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | undefined>();
  if (!canPrint) return null;
  const print = async () => {
    setPrinting(true);
    setNote(undefined);
    try {
      setNote({ text: handOverPdf(await api('personFile.pdf', { personId }), 'hồ sơ đối tượng'), error: false });
    } catch (error) {
      setNote({ text: messageOf(error), error: true });
    } finally {
      setPrinting(false);
    }
  };
  return (
    <div className="summary-actions">
      <button type="button" className="btn btn-secondary" onClick={() => void print()} disabled={printing}>
        {printing ? 'Đang in…' : 'In hồ sơ'}
      </button>
      {note && (
        <span
          className={note.error ? 'export-note export-note-error' : 'export-note'}
          role={note.error ? 'alert' : 'status'}
        >
          {note.text}
        </span>
      )}
    </div>
  );
}
