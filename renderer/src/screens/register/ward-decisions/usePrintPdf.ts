import { useState } from 'react';
import type { PrintedPdf } from '@shared/api/forms';
import { messageOf } from '../../../errors';
import { handOverPdf } from '../../../print';

export type Note = { text: string; error: boolean } | undefined;

/** Runs a print and keeps the sentence to show next to its button. */
export function usePrintPdf() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const run = async (what: string, print: () => Promise<PrintedPdf>) => {
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
  return { busy, note, setNote, run };
}
