import { useLeaveGuard } from '../../../components/leaveGuard';
import { useCallback, useState } from 'react';
import { useDraftCheck } from './useDraftCheck';
import { PERSON_FIELDS, localPersonErrors, withoutIssue, type IssueMap, type PersonField, type PersonForm } from './personForm';

// The person form's state: what was typed (never cleared by an error), which fields the user has left
// (local format errors show from then on), the server's issues from the last save (until that field is
// edited), and the live check's errors and warnings.

export function usePersonForm(initial: PersonForm, excludeId: number | undefined, enabled = true) {
  const [form, setForm] = useState<PersonForm>(initial);
  // Leaving with changes not saved asks first (components/leaveGuard.tsx); saving leaves by replacePath.
  const [initialJson] = useState(() => JSON.stringify(initial));
  useLeaveGuard(enabled && JSON.stringify(form) !== initialJson);
  const [touched, setTouched] = useState<ReadonlySet<PersonField>>(new Set());
  const [issues, setIssues] = useState<IssueMap>({});
  const draft = useDraftCheck(form, excludeId, enabled);
  const local = localPersonErrors(form);

  const errors: Partial<Record<PersonField, string>> = {};
  for (const field of PERSON_FIELDS) {
    const parts: string[] = [];
    for (const message of [issues[field], touched.has(field) ? local[field] : undefined, ...(draft.errors[field] ?? [])]) {
      if (message && !parts.some((p) => p.includes(message) || message.includes(p))) parts.push(message);
    }
    if (parts.length) errors[field] = parts.join(' ');
  }

  const change = useCallback((next: PersonForm, changed: PersonField[]) => {
    setForm(next);
    setIssues((current) => changed.reduce((map, field) => withoutIssue(map, field), current));
  }, []);

  const blur = useCallback((field: PersonField) => {
    setTouched((current) => (current.has(field) ? current : new Set([...current, field])));
  }, []);

  const touchAll = useCallback(() => setTouched(new Set(PERSON_FIELDS)), []);

  return { form, setForm, change, blur, touchAll, errors, warnings: draft.warnings, general: draft.general, issues, setIssues };
}

export type PersonFormState = ReturnType<typeof usePersonForm>;
