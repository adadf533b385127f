import type { HandlerTable } from '../../api/handlers';
import type { payrollFileChannels } from '../../../shared/api/payroll-files';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const payrollFileHandlers: Pick<HandlerTable, keyof typeof payrollFileChannels> = {};
