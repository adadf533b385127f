import { useEffect, useRef, useState } from 'react';
import type { FieldIssue } from '@shared/api/errors';
import { api } from '../../../api/client';
import { looksLikeQr, personFieldOf, type PersonField, type PersonForm } from './personForm';

// people.checkDraft while the user types (debounced): invalid or duplicate IDs (errors), and possible
// duplicates, legacy IDs, ID/birth-year mismatches (warnings). Only the newest answer is kept.

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
  const [check, setCheck] = useState<DraftCheck>(EMPTY);
  const generation = useRef(0);
  const { fullName, birthDate, gender, citizenId, legacyId } = form;

  useEffect(() => {
    const gen = ++generation.current;
    if (!enabled || looksLikeQr(citizenId) || (!fullName.trim() && !citizenId.trim() && !legacyId.trim())) {
      setCheck(EMPTY);
      return;
    }
    const timer = setTimeout(() => {
      api('people.checkDraft', {
        excludeId,
        fullName: fullName.slice(0, 120),
        birthDate: birthDate.slice(0, 20),
        gender: gender || null,
        citizenId: citizenId.slice(0, 30),
        legacyId: legacyId.slice(0, 20),
      }).then(
        (res) => {
          if (gen !== generation.current) return;
          const next: DraftCheck = { errors: {}, warnings: {}, general: [] };
          group(res.errors, next.errors, next.general);
          group(res.warnings, next.warnings, next.general);
          setCheck(next);
        },
        () => {
          // A failed live check only means no hints; saving reports real problems.
          if (gen === generation.current) setCheck(EMPTY);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [fullName, birthDate, gender, citizenId, legacyId, excludeId, enabled]);

  return check;
}
