import { useApi } from '../../api/query';

/** payroll.get (cached; loaded again after every write to the register and when a build or submit job ends). */
export function usePayroll(payrollId: number) {
  const { state, reload } = useApi('payroll.get', { payrollId });
  return [state, reload] as const;
}
