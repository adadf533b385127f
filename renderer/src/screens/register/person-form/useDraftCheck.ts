import { useMemo } from 'react';
import type { FieldIssue } from '@shared/api/errors';
import { useApi } from '../../../api/query';
import { useDebouncedValue } from '../../../api/useDebouncedValue';
import { looksLikeQr, personFieldOf, type PersonField, type PersonForm } from './personForm';

// people.checkDraft while the user types (debounced): invalid or duplicate IDs (errors), and possible
// duplicates, legacy IDs, ID/birth-year mismatches (warnings). Answers to older drafts are never shown.

export interface DraftCheck {
  errors: Partial<Record<PersonField, string[]>>;
  warnings: Partial<Record<PersonField, string[]>>;
  /** Issues not tied to one field. */
  general: string[];
}

const EMPTY: DraftCheck = { errors: {}, warnings: {}, general: [] };
const DEBOUNCE_MS = 300;

function group(issues: FieldIssue[], into: Partial<Record<PersonField, string[]>>, general: string[]): void {
  for (const issue of issues) {
    const field = personFieldOf(issue.path);
    if (field) (into[field] ??= []).push(issue.message);
    else general.push(issue.message);
  }
}

export function useDraftCheck(form: PersonForm, excludeId: number | undefined, enabled = true): DraftCheck {
  const { fullName, birthDate, gender, citizenId, legacyId } = form;
  const active = (f: Pick<PersonForm, 'fullName' | 'citizenId' | 'legacyId'>) =>
    !looksLikeQr(f.citizenId) && Boolean(f.fullName.trim() || f.citizenId.trim() || f.legacyId.trim());
  const draft = useDebouncedValue(
    {
      excludeId,
      fullName: fullName.slice(0, 120),
      birthDate: birthDate.slice(0, 20),
      gender: gender || null,
      citizenId: citizenId.slice(0, 30),
      legacyId: legacyId.slice(0, 20),
    },
    DEBOUNCE_MS,
    (d) => !active(d),
  );
  const on = enabled && active(form);
  // The previous answer stays while typing; a failed live check only means no hints (saving reports real problems).
  const { value } = useApi('people.checkDraft', draft, {
    enabled: on && active(draft),
    keepPrevious: true,
    liveCheck: true,
  });
  return useMemo(() => {
    if (!on || !value) return EMPTY;
    const next: DraftCheck = { errors: {}, warnings: {}, general: [] };
    group(value.errors, next.errors, next.general);
    group(value.warnings, next.warnings, next.general);
    return next;
  }, [on, value]);
}
