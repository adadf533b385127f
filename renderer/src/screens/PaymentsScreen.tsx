import { useHashPath } from '../routing';
import { NotFoundScreen } from './NotFoundScreen';
import { PayrollListScreen } from './payroll/PayrollListScreen';
import { PayrollPage } from './payroll/PayrollPage';
import { parsePayrollRoute } from './payroll/paths';
import './payroll/payroll.css';
import { parseRoundRoute } from './rounds/paths';
import { RoundPage } from './rounds/RoundPage';
import { RoundsScreen } from './rounds/RoundsScreen';

/** Chi trả: the month's payrolls (build, list, suspension watch) and one payroll's page with its tabs. */
export function PaymentsScreen() {
  const path = useHashPath();
  const round = parseRoundRoute(path);
  if (round) return round.page === 'rounds' ? <RoundsScreen /> : <RoundPage key={round.id} id={round.id} />;
  const route = parsePayrollRoute(path);
  switch (route.page) {
    case 'list':
      return <PayrollListScreen />;
    case 'payroll':
      return <PayrollPage key={route.id} id={route.id} />;
    case 'unknown':
      return <NotFoundScreen />;
  }
}
