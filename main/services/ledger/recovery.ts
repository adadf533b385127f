import type { HandlerContext } from '../../api/context';
import type { OverpaymentView } from '../../../shared/api/ledger';
import type { z } from 'zod';
import type { recordRecoverySchema } from '../../../shared/api/ledger';
import { ApiError } from '../../../shared/api/errors';

export function recordRecovery(_ctx: HandlerContext, _input: z.output<typeof recordRecoverySchema>): OverpaymentView {
  throw new ApiError('INVALID_INPUT', 'Chưa làm xong.');
}
