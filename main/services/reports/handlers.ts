import type { HandlerTable } from '../../api/handlers';
import type { reportChannels } from '../../../shared/api/reports';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const reportHandlers: Pick<HandlerTable, keyof typeof reportChannels> = {};
