import type { HandlerContext } from '../../api/context';
import type { HeirView } from '../../../shared/api/ledger';
import type { z } from 'zod';
import type { nameHeirSchema } from '../../../shared/api/ledger';
import { ApiError } from '../../../shared/api/errors';

export function nameHeir(_ctx: HandlerContext, _input: z.output<typeof nameHeirSchema>): HeirView {
  throw new ApiError('INVALID_INPUT', 'Chưa làm xong.');
}
