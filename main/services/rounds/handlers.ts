import type { HandlerTable } from '../../api/handlers';
import type { roundChannels } from '@shared/api/rounds';
import type { roundResultChannels } from '@shared/api/round-results';
import { maskIdentifier } from '@shared/domain/masking';
import { startRoundExport } from './files';
import { lineViews, personRounds } from './queries';
import { recordRoundResult, roundReconciliation, roundResultLines } from './results';
import { startRoundResultCommit, startRoundResultPreview } from './results-import';
import { startRoundReconciliationExport } from './reconciliation-export';
import {
  adjustRound,
  approveRound,
  createRound,
  discardRound,
  listRounds,
  rebuildRound,
  returnRound,
  roundDetail,
  roundOptions,
  roundSummary,
  submitRound,
} from './service';

// This area's handlers (one-off rounds), spread into main/api/handlers.ts.
export const roundHandlers: Pick<HandlerTable, keyof typeof roundChannels> = {
  'rounds.list': (ctx) => listRounds(ctx.store),
  'rounds.options': (ctx) => roundOptions(ctx.store),
  'rounds.get': (ctx, { roundId }) => roundDetail(ctx.store, roundId),
  'rounds.lines': (ctx, input) => {
    const result = lineViews(ctx.store, input.roundId, input.text ?? '', input.offset ?? 0, input.limit ?? 200);
    // A search by a whole citizen ID is on record, as in the register and the payroll (issue 12).
    const ids = (input.text ?? '').split(/\s+/).filter((w) => /^(\d{9}|\d{12})$/.test(w));
    if (ids.length)
      ctx.auditRead?.({
        action: 'sensitive.searchId',
        entity: 'round',
        entityId: input.roundId,
        detail: { list: 'rounds.lines', ids: ids.map(maskIdentifier), matched: result.total },
      });
    return result;
  },
  'rounds.summary': (ctx, { roundId }) => roundSummary(ctx.store, roundId),
  'rounds.create': (ctx, input) => createRound(ctx, input),
  'rounds.rebuild': (ctx, { roundId }) => rebuildRound(ctx, roundId),
  'rounds.adjust': (ctx, input) => adjustRound(ctx, input),
  'rounds.discard': (ctx, { roundId }) => discardRound(ctx, roundId),
  'rounds.submit': (ctx, { roundId }) => submitRound(ctx, roundId),
  'rounds.return': (ctx, { roundId, comment }) => returnRound(ctx, roundId, comment),
  'rounds.approve': (ctx, input) => approveRound(ctx, input),
  'rounds.export': (ctx, input) => startRoundExport(ctx, input),
  'rounds.forPerson': (ctx, { personId }) => personRounds(ctx.store, personId),
};

// An approved round's payment results and reconciliation (shared/api/round-results.ts).
export const roundResultHandlers: Pick<HandlerTable, keyof typeof roundResultChannels> = {
  'roundResults.lines': (ctx, input) => roundResultLines(ctx.store, input),
  'roundResults.reconciliation': (ctx, { roundId }) => roundReconciliation(ctx.store, roundId),
  'roundResults.exportReconciliation': (ctx, input) => startRoundReconciliationExport(ctx, input),
  'roundResults.record': (ctx, input) => recordRoundResult(ctx, input),
  'roundResults.previewImport': (ctx, input) => startRoundResultPreview(ctx, input),
  'roundResults.commitImport': (ctx, { token }) => startRoundResultCommit(ctx, token),
};
