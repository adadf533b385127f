import type { HandlerTable } from '../../api/handlers';
import type { ledgerFileChannels } from '@shared/api/ledger-files';
import { printPersonHistory } from './person-pdf';
import { startArrearsListExport } from './arrears-list';

// This area's handlers (the ledger's printouts and exports), spread into main/api/handlers.ts.
export const ledgerFileHandlers: Pick<HandlerTable, keyof typeof ledgerFileChannels> = {
  'ledgerFiles.personPdf': (ctx, { personId }) => printPersonHistory(ctx, personId),
  'ledgerFiles.arrearsList': (ctx, input) => startArrearsListExport(ctx, input),
};
