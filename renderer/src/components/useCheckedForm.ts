import { useCallback, useRef, useState } from 'react';
import type { FieldIssue } from '@shared/api/errors';
import { afterPointerPress } from './pointerPress';

// The renderer's one form-state approach: values as typed (never cleared by an error), the fields the user
// has left (local format errors show from then on, or for all after a save attempt), and the server's
// issues from the last save, each cleared when its field is edited. Server paths are mapped to field names
// by `fieldOfPath`. Forms with more sources of messages (the person form's live duplicate check, the
// payout change's payout.check) build on `issues`, `localErrors` and `visited`.
//
// Field names are the value's keys, or (second type parameter) dotted paths into it where a form edits a
// list of rows (office recipients 'reportRecipients.0.name', entitlement components 'components.1.label'):
// an edit then clears the issues on its path, on the paths inside it (a row added or removed shifts every
// row's index, so such an edit names the list) and on the paths containing it (the list's own issue).
//
// A field left by a mouse press (on Lưu, say) shows its message once the press and its click are over, not
// on the press itself, where it would move the button away from under the pointer (pointerPress.ts).

/** Whether an edit of `edited` makes the issue on `path` stale. */
const related = (path: string, edited: string) =>
  path === edited || path.startsWith(`${edited}.`) || edited.startsWith(`${path}.`);

export function useCheckedForm<T extends object, F extends PropertyKey = keyof T>(
  initial: T | (() => T),
  localErrors: (value: T) => Partial<Record<F, string>>,
  fieldOfPath: (path: string) => F | undefined = (path) => path as F,
) {
  const [value, setValue] = useState<T>(initial);
  const [touched, setTouched] = useState<ReadonlySet<F>>(new Set());
  const [all, setAll] = useState(false);
  const [issues, setIssueMap] = useState<Partial<Record<F, string>>>({});
  // Counts the fresh starts (reset): a leave that waited for a press does not count on a form started since.
  const starts = useRef(0);

  const local = localErrors(value);
  const errors: Partial<Record<F, string>> = { ...issues };
  for (const key of Object.keys(local) as F[]) {
    if (local[key] && (all || touched.has(key)) && !errors[key]) errors[key] = local[key];
  }

  /** The new value, and the field (or fields) the edit changed: their server issues are cleared. */
  const change = useCallback((next: T, changed: F | readonly F[]) => {
    setValue(next);
    const fields = (Array.isArray(changed) ? changed : [changed]).map(String);
    setIssueMap((current) => {
      const stale = Object.keys(current).filter((path) => fields.some((field) => related(path, field)));
      if (stale.length === 0) return current;
      const rest = { ...current };
      for (const path of stale) delete rest[path as F];
      return rest;
    });
  }, []);

  const showAll = useCallback(() => setAll(true), []);

  const blur = useCallback((field: F) => {
    const start = starts.current;
    afterPointerPress(() => {
      if (starts.current !== start) return;
      setTouched((current) => (current.has(field) ? current : new Set([...current, field])));
    });
  }, []);

  /**
   * A fresh start with `next` (nothing visited, no issues): for a form that stays on screen from one record
   * to the next (Ngân hàng: saved, or another bank picked), where the last attempt's messages no longer fit.
   */
  const reset = useCallback((next: T) => {
    starts.current += 1;
    setValue(next);
    setTouched(new Set());
    setAll(false);
    setIssueMap({});
  }, []);

  /** Takes the server's issues that belong to this form; returns the ones that do not. */
  const takeIssues = useCallback(
    (list: readonly FieldIssue[]): FieldIssue[] => {
      const mine: Partial<Record<F, string>> = {};
      const rest: FieldIssue[] = [];
      for (const issue of list) {
        const field = fieldOfPath(issue.path);
        if (field === undefined) rest.push(issue);
        else {
          const before = mine[field];
          // Each message once: a repeat must not drop the messages joined before it.
          if (!before) mine[field] = issue.message;
          else if (!before.includes(issue.message)) mine[field] = `${before} ${issue.message}`;
        }
      }
      setIssueMap(mine);
      return rest;
    },
    [fieldOfPath],
  );

  return {
    value,
    setValue,
    change,
    blur,
    errors,
    /** Local problems regardless of what was touched (to decide whether to send). */
    localErrors: local,
    /** Whether any local problem stands (the save is not sent; all messages show). */
    hasLocalErrors: Object.values(local).some(Boolean),
    /** The server's issues from the last save, by field (until the field is edited). */
    issues,
    /** Whether the field's local problems show: left by the user, or all after a save attempt. */
    visited: (field: F) => all || touched.has(field),
    showAll,
    reset,
    takeIssues,
  };
}
