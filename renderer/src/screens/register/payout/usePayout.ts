import { useEffect, useState } from 'react';
import type { BankView } from '../../../../../shared/api/payout';
import { api } from '../../../api/client';
import { useReloadable } from '../../../components/useReloadable';

/** payout.get for one person; `reload` keeps the old card on screen until the new answer arrives. */
export function usePayout(personId: number) {
  return useReloadable(() => api('payout.get', { personId }), personId);
}

/** The bank list (banks.list), loaded once per mount. */
export function useBanks(): BankView[] | undefined {
  const [banks, setBanks] = useState<BankView[] | undefined>();
  useEffect(() => {
    let live = true;
    api('banks.list', {}).then(
      (list) => live && setBanks(list),
      () => live && setBanks([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return banks;
}
