// Routes of Chi trả: the list of payrolls (#/chi-tra) and one payroll's page (#/chi-tra/bang/12).

export const PAYROLL_LIST_PATH = '/chi-tra';
export const payrollPagePath = (id: number) => `/chi-tra/bang/${id}`;

export type PayrollRoute = { page: 'list' } | { page: 'payroll'; id: number } | { page: 'unknown' };

export function parsePayrollRoute(path: string): PayrollRoute {
  if (path === PAYROLL_LIST_PATH || path === `${PAYROLL_LIST_PATH}/`) return { page: 'list' };
  const m = /^\/chi-tra\/bang\/(\d+)$/.exec(path);
  return m ? { page: 'payroll', id: Number(m[1]) } : { page: 'unknown' };
}
