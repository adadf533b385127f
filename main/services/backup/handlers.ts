import type { HandlerTable } from '../../api/handlers';
import type { backupChannels } from '../../../shared/api/backup';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const backupHandlers: Pick<HandlerTable, keyof typeof backupChannels> = {};
