import { useBoot } from './boot';
import { Shell } from './components/Shell';
import { LoadingScreen } from './screens/LoadingScreen';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { StartupErrorScreen } from './screens/StartupErrorScreen';

export function App() {
  const { boot, office, retry, reloadOffice, officeSaved } = useBoot();
  switch (boot.phase) {
    case 'loading':
      return <LoadingScreen />;
    case 'unreachable':
      return <StartupErrorScreen message={boot.message} onRetry={retry} />;
    case 'recovery':
      return <RecoveryScreen info={boot.info} db={boot.db} />;
    case 'ready':
      return <Shell info={boot.info} office={office} onOfficeSaved={officeSaved} onRetryOffice={reloadOffice} />;
  }
}
