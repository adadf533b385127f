import { useCallback, useState } from 'react';
import type { FieldIssue } from '../../../shared/api/errors';

// A small form's state: values as typed, the fields the user has left (local format errors show from
// then on, or for all after a save attempt), and the server's issues from the last save, each cleared
// when its field is edited. Server paths are mapped to field names by `fieldOfPath`.

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

  const change = useCallback((next: T, field: keyof T) => {
    setValue(next);
    setIssueMap((current) => {
      if (!(field in current)) return current;
      const { [field]: _removed, ...rest } = current;
      return rest as Partial<Record<keyof T, string>>;
    });
  }, []);

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
        else mine[field] = mine[field] ? `${mine[field]} ${issue.message}` : issue.message;
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
    showAll: () => setAll(true),
    takeIssues,
  };
}
