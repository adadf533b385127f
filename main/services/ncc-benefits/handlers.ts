import type { HandlerTable } from '../../api/handlers';
import type { nccBenefitChannels } from '@shared/api/ncc-benefits';
import { nccBenefitsOf } from './queries';
import { recordNccBenefits } from './service';

// This area's handlers (allowances the Sở decides on an NCC's death), spread into main/api/handlers.ts.
export const nccBenefitHandlers: Pick<HandlerTable, keyof typeof nccBenefitChannels> = {
  'nccBenefits.list': (ctx, { personId }) => nccBenefitsOf(ctx.store, personId),
  'nccBenefits.record': (ctx, input) => recordNccBenefits(ctx, input),
};
