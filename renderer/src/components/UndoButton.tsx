import { useEffect, useState } from 'react';
import type { UndoCheck, UndoResult } from '@shared/api/undo';
import { messageOf } from '../errors';
import { Dialog } from './Dialog';

// "Hoàn tác": asks main what will be undone and what blocks it, shows that in a confirmation naming the
// thing, and only then runs the undo (main checks again in its transaction and refuses with the reasons).

interface UndoButtonProps {
  /** The button's accessible name, naming the thing ("Hoàn tác lần nhập tệp …"). */
  label: string;
  check: () => Promise<UndoCheck>;
  run: () => Promise<UndoResult>;
  onDone: (message: string) => void;
  className?: string;
}

export function UndoButton({ label, check, run, onDone, className }: UndoButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className ?? 'btn btn-secondary'}
        aria-label={label}
        onClick={() => setOpen(true)}
      >
        Hoàn tác
      </button>
      {open && (
        <UndoDialog
          check={check}
          run={run}
          onClose={() => setOpen(false)}
          onDone={(message) => {
            setOpen(false);
            onDone(message);
          }}
        />
      )}
    </>
  );
}

function UndoDialog({
  check,
  run,
  onClose,
  onDone,
}: {
  check: UndoButtonProps['check'];
  run: UndoButtonProps['run'];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'loaded'; value: UndoCheck } | { status: 'failed'; message: string }
  >({ status: 'loading' });
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    check().then(
      (value) => live && setState({ status: 'loaded', value }),
      (error: unknown) => live && setState({ status: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
    // The check runs once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const confirm = async () => {
    setRunning(true);
    setFailure(undefined);
    try {
      onDone((await run()).message);
    } catch (error) {
      setFailure(messageOf(error));
      setRunning(false);
    }
  };
  const blocked = state.status !== 'loaded' || state.value.blockers.length > 0;
  return (
    <Dialog title="Hoàn tác" onClose={onClose}>
      {state.status === 'loading' && <p role="status">Đang kiểm tra…</p>}
      {state.status === 'failed' && (
        <p role="alert" className="outcome outcome-error">
          {state.message}
        </p>
      )}
      {state.status === 'loaded' && (
        <div className="undo-check">
          <p>
            <strong>{state.value.what}?</strong>
          </p>
          {state.value.blockers.length > 0 ? (
            <>
              <p>Không hoàn tác được vì:</p>
              <ul className="undo-blockers">
                {state.value.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </>
          ) : (
            <ul>
              {state.value.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
          {failure ?? ''}
        </p>
        <div className="dialog-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {blocked ? 'Đóng' : 'Huỷ'}
          </button>
          {!blocked && (
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => void confirm()}
              aria-disabled={running || undefined}
              disabled={running}
            >
              {running ? 'Đang hoàn tác…' : 'Hoàn tác'}
            </button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
