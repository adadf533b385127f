import { useState } from 'react';
import { useLeaveGuard } from '../../../components/leaveGuard';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { PERSON_FIELDS, localPersonErrors, personFieldOf, type PersonField, type PersonForm } from './personForm';
import { useDraftCheck } from './useDraftCheck';

// The person form's state: the renderer's one form state (components/useCheckedForm.ts: what was typed,
// the fields left, the server's issues from the last save) with the live check's errors and warnings
// (people.checkDraft) merged into each field's message.

export function usePersonForm(initial: PersonForm, excludeId: number | undefined, enabled = true) {
  const checked = useCheckedForm<PersonForm>(initial, localPersonErrors, personFieldOf);
  const form = checked.value;
  // Leaving with changes not saved asks first (components/leaveGuard.tsx); saving leaves by replacePath.
  const [initialJson] = useState(() => JSON.stringify(initial));
  useLeaveGuard(enabled && JSON.stringify(form) !== initialJson);
  const draft = useDraftCheck(form, excludeId, enabled);

  const errors: Partial<Record<PersonField, string>> = {};
  for (const field of PERSON_FIELDS) {
    const parts: string[] = [];
    for (const message of [
      checked.issues[field],
      checked.visited(field) ? checked.localErrors[field] : undefined,
      ...(draft.errors[field] ?? []),
    ]) {
      if (message && !parts.some((p) => p.includes(message) || message.includes(p))) parts.push(message);
    }
    if (parts.length) errors[field] = parts.join(' ');
  }

  return {
    form,
    setForm: checked.setValue,
    change: checked.change,
    blur: checked.blur,
    touchAll: checked.showAll,
    errors,
    warnings: draft.warnings,
    general: draft.general,
    /** Takes the server's issues about the person's fields (shown on them); returns the others. */
    takeIssues: checked.takeIssues,
  };
}

export type PersonFormState = ReturnType<typeof usePersonForm>;
