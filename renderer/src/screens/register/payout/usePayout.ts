import type { BankView } from '@shared/api/payout';
import { useApi } from '../../../api/query';

/** payout.get for one person (cached; every write to the register loads it again). */
export function usePayout(personId: number) {
  return useApi('payout.get', { personId });
}

/** The bank list (banks.list); an empty list if it cannot be loaded (the pickers still work by code). */
export function useBanks(): BankView[] | undefined {
  const { state } = useApi('banks.list', {});
  return state.status === 'loaded' ? state.value : state.status === 'failed' ? NO_BANKS : undefined;
}

const NO_BANKS: BankView[] = [];
