import { useCallback, useEffect, useState } from 'react';
import type { PayrollView } from '../../../../shared/api/payroll';
import { api } from '../../api/client';
import { messageOf } from '../../errors';

export type Loaded<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

/** Loads something once and again on reload(); keeps the last value while reloading. */
export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ status: 'loaded', value }),
      (error: unknown) => live && setState({ status: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, reload];
}

export function usePayroll(payrollId: number): [Loaded<PayrollView>, () => void] {
  return useLoaded(() => api('payroll.get', { payrollId }), [payrollId]);
}
