import { useEffect, useState } from 'react';
import { HELP_F1_HINT, MONTHLY_CYCLE, helpPageFor, type HelpSection } from '@shared/help/pages';
import { api } from '../api/client';
import { messageOf } from '../errors';
import { handOverPdf } from '../print';
import { readHashPath } from '../routing';
import { Dialog } from './Dialog';
import { PrintButton } from './PrintButton';

// Hướng dẫn: F1 opens the help page of the screen in view (the route decides, shared/help/pages.ts),
// with the monthly cycle step by step and the quick guide for the office wall. Offline: the text is
// bundled; only the quick guide PDF is made by main.

export function HelpOnF1() {
  const [path, setPath] = useState<string | undefined>();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F1') return;
      event.preventDefault();
      setPath(readHashPath());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (path === undefined) return null;
  return <HelpDialog path={path} onClose={() => setPath(undefined)} />;
}

function Section({ section }: { section: HelpSection }) {
  return (
    <section className="help-section">
      <h3>{section.heading}</h3>
      {section.steps ? (
        <ol>
          {section.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ol>
      ) : (
        section.lines.map((l) => <p key={l}>{l}</p>)
      )}
    </section>
  );
}

function HelpDialog({ path, onClose }: { path: string; onClose: () => void }) {
  const page = helpPageFor(path);
  const [note, setNote] = useState<{ text: string; error: boolean } | undefined>();
  const download = async () => {
    setNote(undefined);
    try {
      setNote({ text: handOverPdf(await api('help.quickGuide', {}), 'hướng dẫn nhanh'), error: false });
    } catch (error) {
      setNote({ text: messageOf(error), error: true });
    }
  };
  return (
    <Dialog title={page ? `Hướng dẫn: ${page.title}` : 'Hướng dẫn'} onClose={onClose} wide>
      <div className="help-page" data-help-page={page?.key ?? 'cycle'}>
        {page && <p className="help-summary">{page.summary}</p>}
        {page?.sections.map((s) => (
          <Section key={s.heading} section={s} />
        ))}
        <details className="help-cycle" open={!page}>
          <summary>Chu trình chi trả hằng tháng</summary>
          <ol>
            {MONTHLY_CYCLE.map((step) => (
              <li key={step.title}>
                <strong>{step.title}</strong> ({step.where}): {step.text}
              </li>
            ))}
          </ol>
        </details>
        <p className="hint">{HELP_F1_HINT}</p>
        <div className="dialog-buttons">
          <button type="button" className="btn btn-secondary" onClick={() => void download()}>
            Tải hướng dẫn nhanh (PDF)
          </button>
          <PrintButton
            label="In hướng dẫn nhanh ra máy in (khổ A4)"
            print={async () => await api('print.quickGuide', {})}
          />
        </div>
        {note && (
          <p className={note.error ? 'outcome outcome-error' : 'outcome'} role={note.error ? 'alert' : 'status'}>
            {note.text}
          </p>
        )}
      </div>
    </Dialog>
  );
}
