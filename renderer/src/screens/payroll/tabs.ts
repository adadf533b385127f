import type { ComponentType } from 'react';
import type { Role } from '../../../../shared/api/auth';

// The tabs of one payroll's page (Chi trả → a month's payroll). Each tab is a component of its own file;
// review, files for the payer and payment results are separate pieces of work, gathered here.

export interface PayrollTabProps {
  payrollId: number;
  /** 'YYYY-MM' */
  month: string;
  programme: string;
  status: 'draft' | 'approved';
  /** Call after a change so the page reloads the payroll's header and totals. */
  onChanged(): void;
}

export interface PayrollTab {
  key: string;
  label: string;
  component: ComponentType<PayrollTabProps>;
  /** The roles that see the tab; every role of the section when absent. */
  roles?: readonly Role[];
  /** Whether the tab applies to a draft, an approved payroll, or both (default both). */
  when?: 'draft' | 'approved';
}

export const PAYROLL_TABS: PayrollTab[] = [];
