import type { HandlerTable } from '../../api/handlers';
import type { evidenceChannels } from '@shared/api/evidence';
import { endEvidenceFact, personEvidence, saveEvidence } from './evidence';
import { reviewList } from './review';

// This area's handlers (eligibility evidence), spread into main/api/handlers.ts.
export const evidenceHandlers: Pick<HandlerTable, keyof typeof evidenceChannels> = {
  'evidence.list': (ctx, { personId }) => personEvidence(ctx, personId),
  'evidence.save': (ctx, input) => saveEvidence(ctx, input),
  'evidence.end': (ctx, input) => endEvidenceFact(ctx, input),
  'evidence.review': (ctx, input) => reviewList(ctx, input),
};
