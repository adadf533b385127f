import type { HandlerTable } from '../../api/handlers';
import type { ledgerChannels } from '@shared/api/ledger';
import { arrearsList } from './list';
import { nameHeir } from './heirs';
import { personLedger } from './person';
import { recordRecovery } from './recovery';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const ledgerHandlers: Pick<HandlerTable, keyof typeof ledgerChannels> = {
  'ledger.person': (ctx, { personId }) => personLedger(ctx, personId),
  'ledger.arrearsList': (ctx, { month }) => arrearsList(ctx, month),
  'ledger.nameHeir': (ctx, input) => nameHeir(ctx, input),
  'ledger.recordRecovery': (ctx, input) => recordRecovery(ctx, input),
};
