import type { HandlerTable } from '../../api/handlers';
import type { payrollChannels } from '../../../shared/api/payroll';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const payrollHandlers: Pick<HandlerTable, keyof typeof payrollChannels> = {};
