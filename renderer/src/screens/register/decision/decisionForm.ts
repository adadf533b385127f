import type { DecisionInput } from '@shared/api/register';
import { formatMonthVi, parseDateVi, parseMonthVi } from '@shared/domain/dates';

// The fields of a decision (quyết định) as typed, and their local format checks.

export interface DecisionForm {
  number: string;
  signedDate: string;
  signer: string;
  effectiveMonth: string;
  reason: string;
  /** Where the record cannot show the eligibility (no birth date): the officer's reason, required then. */
  eligibilityReason: string;
  /** Social pension 70 to under 75: on the poor ('poor') or near-poor ('near_poor') list of that year. */
  household: '' | 'poor' | 'near_poor';
  householdListYear: string;
}

export type DecisionField = keyof DecisionForm;

export function emptyDecision(month?: string): DecisionForm {
  return {
    number: '',
    signedDate: '',
    signer: '',
    effectiveMonth: month ? formatMonthVi(month) : '',
    reason: '',
    eligibilityReason: '',
    household: '',
    householdListYear: '',
  };
}

export function toDecisionInput(d: DecisionForm): DecisionInput {
  const { eligibilityReason, household, householdListYear, ...rest } = d;
  const year = Number.parseInt(householdListYear.trim(), 10);
  return {
    ...rest,
    ...(eligibilityReason.trim() ? { eligibilityReason } : {}),
    ...(household ? { household, householdListYear: Number.isFinite(year) ? year : null } : {}),
  };
}

export function toDecisionInputWithoutMonth(d: DecisionForm): Omit<DecisionInput, 'effectiveMonth'> {
  const { number, signedDate, signer, reason } = d;
  return { number, signedDate, signer, reason };
}

export function localDecisionErrors(
  d: DecisionForm,
  withMonth: boolean,
  monthLabel: string,
): Partial<Record<DecisionField, string>> {
  const errors: Partial<Record<DecisionField, string>> = {};
  if (!d.number.trim()) errors.number = 'Số quyết định: không được để trống.';
  if (!d.signedDate.trim()) errors.signedDate = 'Ngày ký: không được để trống.';
  else if (!parseDateVi(d.signedDate)) errors.signedDate = 'Ngày ký: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.';
  if (d.household && !/^\d{4}$/.test(d.householdListYear.trim()))
    errors.householdListYear = 'Năm của danh sách hộ nghèo, cận nghèo: nhập năm, ví dụ 2026.';
  if (withMonth) {
    if (!d.effectiveMonth.trim()) errors.effectiveMonth = `${monthLabel}: không được để trống.`;
    else if (!parseMonthVi(d.effectiveMonth))
      errors.effectiveMonth = `${monthLabel}: nhập theo dạng tháng/năm, ví dụ 01/2026.`;
  }
  return errors;
}

/** Local format check of a date typed as dd/mm/yyyy (required). */
export function localDateError(value: string, label: string): string | undefined {
  if (!value.trim()) return `${label}: không được để trống.`;
  if (!parseDateVi(value)) return `${label}: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.`;
  return undefined;
}
