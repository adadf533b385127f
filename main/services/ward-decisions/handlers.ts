import type { HandlerTable } from '../../api/handlers';
import type { wardDecisionChannels } from '@shared/api/ward-decisions';
import { candidates, linksForPerson, wardDecisionsOfYear } from './queries';
import { createWardDecision, printDraft, printPosting, recordSigned, voidWardDecision } from './service';

// This area's handlers (the decisions the ward signs), spread into main/api/handlers.ts.
export const wardDecisionHandlers: Pick<HandlerTable, keyof typeof wardDecisionChannels> = {
  'wardDecisions.list': (ctx, { year }) => wardDecisionsOfYear(ctx.store, year),
  'wardDecisions.candidates': (ctx) => candidates(ctx.store),
  'wardDecisions.forPerson': (ctx, { personId }) => linksForPerson(ctx.store, personId),
  'wardDecisions.create': (ctx, input) => createWardDecision(ctx, input),
  'wardDecisions.print': (ctx, { id }) => printDraft(ctx, id),
  'wardDecisions.printPosting': (ctx, input) => printPosting(ctx, input),
  'wardDecisions.void': (ctx, input) => voidWardDecision(ctx, input),
  'wardDecisions.recordSigned': (ctx, input) => recordSigned(ctx, input),
};
