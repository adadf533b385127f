import { useCan } from '../auth/session';
import { useHashPath } from '../routing';
import { NoAccessScreen } from './NoAccessScreen';
import { NotFoundScreen } from './NotFoundScreen';
import { ChangesScreen } from './register/ChangesScreen';
import { EnrollScreen } from './register/enroll/EnrollScreen';
import { ImportScreen } from './register/import/ImportScreen';
import { parseRegisterRoute } from './register/paths';
import { AuthorizationsScreen } from './register/payout/AuthorizationsScreen';
import { BhytScreen } from './register/bhyt/BhytScreen';
import { ReviewScreen } from './register/evidence/ReviewScreen';
import { TransferImportScreen } from './register/person-file/TransferImportScreen';
import { PersonEditScreen } from './register/person/PersonEditScreen';
import { PersonScreen } from './register/person/PersonScreen';
import { RegisterListScreen } from './register/RegisterListScreen';
import { WardDecisionsScreen } from './register/ward-decisions/WardDecisionsScreen';
import './register/register.css';

/** Sổ đối tượng and its pages: the list, a person, enrollment, next month's changes, the Excel import. */
export function BeneficiariesScreen() {
  const route = parseRegisterRoute(useHashPath());
  const canWrite = useCan('register.enroll');
  const canImport = useCan('import.commit');
  const canReceive = useCan('personFile.importCommit');
  // The writing pages are the policy officer's; other roles reach them only by an old link.
  if ((route.page === 'enroll' || route.page === 'edit') && !canWrite) return <NoAccessScreen />;
  if (route.page === 'import' && !canImport) return <NoAccessScreen />;
  if (route.page === 'transferIn' && !canReceive) return <NoAccessScreen />;
  switch (route.page) {
    case 'list':
      return <RegisterListScreen />;
    case 'person':
      return <PersonScreen key={route.id} id={route.id} />;
    case 'edit':
      return <PersonEditScreen key={route.id} id={route.id} />;
    case 'enroll':
      return <EnrollScreen key={route.personId ?? 'new'} personId={route.personId} />;
    case 'changes':
      return <ChangesScreen />;
    case 'import':
      return <ImportScreen />;
    case 'authorizations':
      return <AuthorizationsScreen />;
    case 'wardDecisions':
      return <WardDecisionsScreen />;
    case 'bhyt':
      return <BhytScreen />;
    case 'review':
      return <ReviewScreen />;
    case 'transferIn':
      return <TransferImportScreen />;
    case 'unknown':
      return <NotFoundScreen />;
  }
}
