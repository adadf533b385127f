import { forwardRef } from 'react';
import type { FieldIssue } from '@shared/api/errors';
import { forgetOnSignOut } from '../auth/forget';

// What a write returned, shown in a role="status" region: a line saying what was done and the server's
// warnings (arrears created, funeral support, possible duplicates…). A write that leads to another page
// (enrollment → the person's page) hands its outcome over with setFlash/takeFlash.

export interface Outcome {
  title: string;
  warnings: string[];
}

export function outcomeOf(title: string, warnings: readonly FieldIssue[]): Outcome {
  return { title, warnings: [...new Set(warnings.map((w) => w.message))] };
}

let flash: Outcome | undefined;
forgetOnSignOut(() => clearFlash());

export function setFlash(outcome: Outcome): void {
  flash = outcome;
}

/** The outcome handed over, if any; read in render (StrictMode may render twice), cleared by clearFlash. */
export function peekFlash(): Outcome | undefined {
  return flash;
}

export function clearFlash(): void {
  flash = undefined;
}

/** Always in the DOM (live regions must exist before their content changes); empty until an outcome. */
export const OutcomeBox = forwardRef<HTMLDivElement, { outcome: Outcome | undefined; onDismiss?: () => void }>(
  function OutcomeBox({ outcome, onDismiss }, ref) {
    return (
      <div ref={ref} role="status" tabIndex={-1} className={outcome ? 'outcome-box' : 'outcome-box outcome-box-empty'}>
        {outcome && (
          <>
            <p className="outcome-box-title">{outcome.title}</p>
            {outcome.warnings.length > 0 && (
              <ul className="outcome-box-warnings">
                {outcome.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
            {onDismiss && (
              <button type="button" className="btn btn-link" onClick={onDismiss}>
                Ẩn thông báo
              </button>
            )}
          </>
        )}
      </div>
    );
  },
);
