import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../main/core';
import type { ApiResult } from '../../shared/api/errors';
import type { DecisionInput, EnrollInput, PersonInput } from '../../shared/api/register';

// Helpers for register tests: a core on a temp file with a settable clock, and compact inputs.

export interface TestCore extends AppCore {
  setNow(iso: string): void;
  ok<T = unknown>(channel: string, input: unknown): Promise<T>;
  fail(channel: string, input: unknown): Promise<{ code: string; message: string; issues?: Array<{ path: string; message: string }> }>;
}

export function testCore(dir: string, now = '2026-11-15T09:00:00+07:00', file = 'so.sqlite'): TestCore {
  let current = new Date(now);
  const core = createAppCore({ dbPath: join(dir, file), appVersion: 'test', shell: 'browser-harness', clock: () => current });
  return Object.assign(core, {
    setNow: (iso: string) => {
      current = new Date(iso);
    },
    ok: async <T>(channel: string, input: unknown): Promise<T> => {
      const r = (await core.call(channel, input)) as ApiResult<T>;
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    fail: async (channel: string, input: unknown) => {
      const r = await core.call(channel, input);
      if (r.ok) throw new Error(`${channel} was expected to fail`);
      return r.error;
    },
  });
}

export const person = (overrides: Partial<PersonInput> = {}): PersonInput => ({
  fullName: 'Nguyễn Văn Ơn',
  birthDate: '15/03/1940',
  gender: 'male',
  citizenId: '',
  legacyId: '',
  idIssueDate: '',
  idIssuePlace: '',
  address: 'Khu phố 1, phường Đức Nghĩa',
  neighbourhood: 'Khu phố 1',
  phone: '',
  healthInsuranceNo: '',
  note: '',
  ...overrides,
});

export const decision = (effectiveMonth: string, overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  number: '12/QĐ-UBND',
  signedDate: `01/${effectiveMonth.slice(5, 7)}/${effectiveMonth.slice(0, 4)}`,
  signer: 'Nguyễn Văn Chủ',
  effectiveMonth: `${effectiveMonth.slice(5, 7)}/${effectiveMonth.slice(0, 4)}`,
  reason: '',
  ...overrides,
});

export const enrollNew = (p: Partial<PersonInput>, programme: EnrollInput['programme'], groupCode: string | undefined, effectiveMonth: string, extra: Partial<EnrollInput> = {}): EnrollInput => ({
  person: { new: person(p) },
  programme,
  groupCode,
  decision: decision(effectiveMonth),
  ...extra,
});
