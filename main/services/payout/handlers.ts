import type { HandlerTable } from '../../api/handlers';
import type { payoutChannels } from '../../../shared/api/payout';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const payoutHandlers: Pick<HandlerTable, keyof typeof payoutChannels> = {};
