import type { PayrollView } from '@shared/api/payroll';
import type { TestCore, TestRole } from './register';
import type { ProgrammeCode } from '@shared/api/register';

// Approval is a workflow (issue 14): the officer submits (a job that rebuilds and freezes the payroll),
// the approver approves confirming month, programme, count and total. For tests that need an approved
// payroll, in that one way; the caller's role is restored afterwards.

export const confirmationOf = (p: PayrollView) => ({
  month: p.month,
  programme: p.programme as ProgrammeCode,
  lineCount: p.lineCount,
  totalVnd: p.totalVnd,
});

export async function submitPayroll(
  core: TestCore,
  payrollId: number,
  after: TestRole = 'officer',
): Promise<PayrollView> {
  core.as('officer');
  try {
    return await core.job('payroll.submit', { payrollId });
  } finally {
    core.as(after);
  }
}

/** Submits (as the officer) and approves (as the approver); then signs the test back in as `after`. */
export async function submitAndApprove(
  core: TestCore,
  payrollId: number,
  after: TestRole = 'officer',
): Promise<PayrollView> {
  const submitted = await submitPayroll(core, payrollId, 'approver');
  try {
    return await core.ok('payroll.approve', { payrollId, confirm: confirmationOf(submitted) });
  } finally {
    core.as(after);
  }
}
