import type { HandlerTable } from '../../api/handlers';
import type { personFileChannels } from '@shared/api/person-file';
import { printPersonFile } from './pdf';
import { recordTransfer, startTransferFiles } from './transfer-out';
import { commitTransfer, previewTransfer } from './transfer-in';
import { transferViews } from './queries';

// This area's handlers (a person's file and its transfer between wards), spread into main/api/handlers.ts.
export const personFileHandlers: Pick<HandlerTable, keyof typeof personFileChannels> = {
  'personFile.transfers': (ctx, { personId }) => transferViews(ctx.store, personId),
  'personFile.pdf': (ctx, { personId }) => printPersonFile(ctx, personId),
  'personFile.recordTransfer': (ctx, input) => recordTransfer(ctx, input),
  'personFile.transferFiles': (ctx, input) => startTransferFiles(ctx, input),
  'personFile.importPreview': (ctx, input) => previewTransfer(ctx, input),
  'personFile.importCommit': (ctx, input) => commitTransfer(ctx, input),
};
