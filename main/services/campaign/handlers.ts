import type { HandlerTable } from '../../api/handlers';
import type { campaignChannels } from '../../../shared/api/campaign';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const campaignHandlers: Pick<HandlerTable, keyof typeof campaignChannels> = {};
