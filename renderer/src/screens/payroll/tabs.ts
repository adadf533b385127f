import type { ComponentType } from 'react';
import type { Role } from '@shared/api/auth';
import { PayrollFilesTab } from './files/PayrollFilesTab';
import { ResultsTab } from './results/ResultsTab';
import { SummaryTab } from './review/SummaryTab';
import { AttentionTab, LinesTab } from './review/LinesTab';
import { DifferencesTab } from './review/DifferencesTab';
import { ArrearsTab } from './arrears/ArrearsTab';

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

export const PAYROLL_TABS: PayrollTab[] = [
  { key: 'summary', label: 'Tổng hợp', component: SummaryTab },
  { key: 'lines', label: 'Danh sách', component: LinesTab },
  { key: 'differences', label: 'So với tháng trước', component: DifferencesTab },
  { key: 'attention', label: 'Cần chú ý', component: AttentionTab },
  { key: 'arrears', label: 'Truy lĩnh, truy thu', component: ArrearsTab, roles: ['officer', 'accountant'] },
  {
    key: 'files',
    label: 'Tệp chi trả',
    component: PayrollFilesTab,
    roles: ['officer', 'accountant'],
    when: 'approved',
  },
  {
    key: 'results',
    label: 'Kết quả chi trả',
    component: ResultsTab,
    roles: ['officer', 'accountant', 'approver'],
    when: 'approved',
  },
];
