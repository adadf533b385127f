import type { HandlerContext } from '../../api/context';
import type { PersonLedger } from '../../../shared/api/ledger';

export function personLedger(_ctx: HandlerContext, personId: number): PersonLedger {
  return { personId, months: [], totals: { owedVnd: 0, paidVnd: 0, arrearsVnd: 0, overpaidVnd: 0 }, heldForHeir: [], overpayments: [], heir: null };
}
