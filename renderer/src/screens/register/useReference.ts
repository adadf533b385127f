import { useEffect, useState } from 'react';
import type { ReferenceData } from '../../../../shared/api/register';
import { api } from '../../api/client';
import { forgetOnSignOut } from '../../auth/forget';
import { messageOf } from '../../errors';

// Programmes, groups, standard levels and neighbourhoods: loaded once and shared by every register
// screen; reloaded after writes that may add a neighbourhood (enrollment, import, person edits).

export type ReferenceState = { status: 'loading' } | { status: 'loaded'; data: ReferenceData } | { status: 'failed'; message: string };

let cached: Promise<ReferenceData> | undefined;

function load(): Promise<ReferenceData> {
  if (!cached) {
    cached = api('reference.get', {});
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

export function invalidateReference(): void {
  cached = undefined;
}
forgetOnSignOut(invalidateReference);

export function useReference(): ReferenceState {
  const [state, setState] = useState<ReferenceState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ status: 'loaded', data }),
      (error: unknown) => live && setState({ status: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function referenceOf(state: ReferenceState): ReferenceData | undefined {
  return state.status === 'loaded' ? state.data : undefined;
}

export function standardFor(ref: ReferenceData, programme: string): number | undefined {
  return ref.standardLevels.find((l) => l.programme === programme)?.amountVnd;
}

export function groupLabel(ref: ReferenceData | undefined, code: string | null): string {
  if (!code) return '';
  return ref?.groups.find((g) => g.code === code)?.label ?? '';
}

export function programmeName(ref: ReferenceData | undefined, code: string): string {
  return ref?.programmes.find((p) => p.code === code)?.name ?? code;
}
