import type { HandlerContext } from '../../api/context';
import type { ArrearsList } from '../../../shared/api/ledger';

export function arrearsList(_ctx: HandlerContext, month: string): ArrearsList {
  return { month, arrears: [], overpayments: [], held: [], totals: { arrearsVnd: 0, arrearsCount: 0, overpaidOpenVnd: 0, overpaymentCount: 0, heldVnd: 0, heldCount: 0 } };
}
