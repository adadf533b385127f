import type { HandlerTable } from '../../api/handlers';
import type { formChannels } from '@shared/api/forms';
import { pendingCount, printAuthorization, printChangeRequest, startPendingPrint } from './print';

// This area's handlers (printed forms), spread into main/api/handlers.ts.
export const formHandlers: Pick<HandlerTable, keyof typeof formChannels> = {
  'forms.authorization': (ctx, { authorizationId }) => printAuthorization(ctx, authorizationId),
  'forms.pendingCount': (ctx) => pendingCount(ctx),
  'forms.pendingAuthorizations': (ctx) => startPendingPrint(ctx),
  'forms.changeRequest': (ctx, input) => printChangeRequest(ctx, input),
};
