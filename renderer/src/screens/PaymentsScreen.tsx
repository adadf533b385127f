import { useHashPath } from '../routing';
import { NotFoundScreen } from './NotFoundScreen';
import { PayrollListScreen } from './payroll/PayrollListScreen';
import { PayrollPage } from './payroll/PayrollPage';
import { parsePayrollRoute } from './payroll/paths';
import './payroll/payroll.css';

/** Chi trả: the month's payrolls (build, list, suspension watch) and one payroll's page with its tabs. */
export function PaymentsScreen() {
  const route = parsePayrollRoute(useHashPath());
  switch (route.page) {
    case 'list':
      return <PayrollListScreen />;
    case 'payroll':
      return <PayrollPage key={route.id} id={route.id} />;
    case 'unknown':
      return <NotFoundScreen />;
  }
}
