import { useCallback, useState } from 'react';
import type { FieldIssue } from '@shared/api/errors';

// The renderer's one form-state approach: values as typed (never cleared by an error), the fields the user
// has left (local format errors show from then on, or for all after a save attempt), and the server's
// issues from the last save, each cleared when its field is edited. Server paths are mapped to field names
// by `fieldOfPath`. Forms with more sources of messages (the person form's live duplicate check, the
// payout change's payout.check) build on `issues`, `localErrors` and `visited`.

export function useCheckedForm<T extends object>(
  initial: T | (() => T),
  localErrors: (value: T) => Partial<Record<keyof T, string>>,
  fieldOfPath: (path: string) => keyof T | undefined = (path) => path as keyof T,
) {
  const [value, setValue] = useState<T>(initial);
  const [touched, setTouched] = useState<ReadonlySet<keyof T>>(new Set());
  const [all, setAll] = useState(false);
  const [issues, setIssueMap] = useState<Partial<Record<keyof T, string>>>({});

  const local = localErrors(value);
  const errors: Partial<Record<keyof T, string>> = { ...issues };
  for (const key of Object.keys(local) as Array<keyof T>) {
    if ((all || touched.has(key)) && !errors[key]) errors[key] = local[key];
  }

  /** The new value, and the field (or fields) the edit changed: their server issues are cleared. */
  const change = useCallback((next: T, changed: keyof T | readonly (keyof T)[]) => {
    setValue(next);
    const fields = (Array.isArray(changed) ? changed : [changed]) as readonly (keyof T)[];
    setIssueMap((current) => {
      if (!fields.some((field) => field in current)) return current;
      const rest = { ...current };
      for (const field of fields) delete rest[field];
      return rest;
    });
  }, []);

  const showAll = useCallback(() => setAll(true), []);

  const blur = useCallback((field: keyof T) => {
    setTouched((current) => (current.has(field) ? current : new Set([...current, field])));
  }, []);

  /** Takes the server's issues that belong to this form; returns the ones that do not. */
  const takeIssues = useCallback(
    (list: readonly FieldIssue[]): FieldIssue[] => {
      const mine: Partial<Record<keyof T, string>> = {};
      const rest: FieldIssue[] = [];
      for (const issue of list) {
        const field = fieldOfPath(issue.path);
        if (field === undefined) rest.push(issue);
        else
          mine[field] =
            mine[field] && !mine[field].includes(issue.message) ? `${mine[field]} ${issue.message}` : issue.message;
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
    /** The server's issues from the last save, by field (until the field is edited). */
    issues,
    /** Whether the field's local problems show: left by the user, or all after a save attempt. */
    visited: (field: keyof T) => all || touched.has(field),
    showAll,
    takeIssues,
  };
}
