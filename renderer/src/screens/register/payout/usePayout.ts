import { useCallback, useEffect, useRef, useState } from 'react';
import type { BankView, PayoutView } from '../../../../../shared/api/payout';
import { api } from '../../../api/client';
import { messageOf } from '../../../errors';

export type PayoutState = { status: 'loading' } | { status: 'loaded'; view: PayoutView } | { status: 'failed'; message: string };

/** payout.get for one person; `reload` keeps the old card on screen until the new answer arrives. */
export function usePayout(personId: number) {
  const [state, setState] = useState<PayoutState>({ status: 'loading' });
  const generation = useRef(0);
  const load = useCallback(() => {
    const gen = ++generation.current;
    api('payout.get', { personId }).then(
      (view) => gen === generation.current && setState({ status: 'loaded', view }),
      (error: unknown) => gen === generation.current && setState({ status: 'failed', message: messageOf(error) }),
    );
  }, [personId]);
  useEffect(() => {
    load();
    return () => {
      generation.current++;
    };
  }, [load]);
  return { state, reload: load };
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
