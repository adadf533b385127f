import type { HandlerTable } from '../../api/handlers';
import type { undoChannels } from '@shared/api/undo';
import { checkDeathUndo, undoDeath } from './death';
import { checkImportRevert, importHistory, revertImport } from './import-revert';
import { checkMethodUndo, undoMethod } from './method';
import { checkMoveAwayUndo, undoMoveAway } from './move-away';

// This area's handlers, spread into main/api/handlers.ts.
export const undoHandlers: Pick<HandlerTable, keyof typeof undoChannels> = {
  'undo.importHistory': (ctx) => importHistory(ctx.store),
  'undo.importCheck': (ctx, { importId }) => checkImportRevert(ctx, importId),
  'undo.importRevert': (ctx, { importId }) => revertImport(ctx, importId),
  'undo.deathCheck': (ctx, { personId }) => checkDeathUndo(ctx, personId),
  'undo.death': (ctx, { personId }) => undoDeath(ctx, personId),
  'undo.moveAwayCheck': (ctx, { personId }) => checkMoveAwayUndo(ctx, personId),
  'undo.moveAway': (ctx, { personId }) => undoMoveAway(ctx, personId),
  'undo.methodCheck': (ctx, { payoutMethodId }) => checkMethodUndo(ctx, payoutMethodId),
  'undo.method': (ctx, { payoutMethodId }) => undoMethod(ctx, payoutMethodId),
};
