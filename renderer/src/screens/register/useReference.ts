import type { ReferenceData } from '@shared/api/register';
import { useApi } from '../../api/query';

// Programmes, groups, standard levels and neighbourhoods: loaded once and shared by every register
// screen (the data layer's cache, fresh until a write invalidates it: enrollment, import and person
// edits may add a neighbourhood).

export type ReferenceState =
  { status: 'loading' } | { status: 'loaded'; data: ReferenceData } | { status: 'failed'; message: string };

export function useReference(): ReferenceState {
  const { state } = useApi('reference.get', {}, { staleTime: Infinity });
  return state.status === 'loaded' ? { status: 'loaded', data: state.value } : state;
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
