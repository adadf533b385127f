import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import type { Channel, ChannelInput, ChannelOutput, JobChannel, JobResult } from '@shared/api/contract';
import type { ApiResult } from '@shared/api/errors';
import type { DecisionInput, EnrollInput, PersonInput } from '@shared/api/register';
import { tempDir } from './temp';

// Helpers for register tests: a core on a temp file with a settable clock, and compact inputs.

export type TestRole = 'admin' | 'officer' | 'accountant' | 'approver';

/**
 * Named users for in-process tests (no password hashing: they are signed in directly, which only code in
 * this process can do). The built-in account becomes the admin; one user per other role.
 */
export function seedTestUsers(core: AppCore): Record<TestRole, number> {
  const db = core.store!.sqlite;
  db.prepare(
    "UPDATE users SET username = 'admin', full_name = 'Quản trị', password_hash = 'scrypt$test' WHERE id = 1",
  ).run();
  const insert = db.prepare(
    "INSERT OR IGNORE INTO users (username, full_name, role, password_hash, created_at) VALUES (?, ?, ?, 'scrypt$test', '2026-01-01T00:00:00Z')",
  );
  const find = db.prepare('SELECT id FROM users WHERE username = ?').pluck();
  const id = (username: string, name: string, role: TestRole) => {
    insert.run(username, name, role);
    return find.get(username) as number;
  };
  return {
    admin: 1,
    officer: id('canbo', 'Trần Thị Hường', 'officer'),
    accountant: id('ketoan', 'Lê Văn Kế', 'accountant'),
    approver: id('pheduyet', 'Nguyễn Văn Duyệt', 'approver'),
  };
}

export interface TestCore extends AppCore {
  /** Signs the test's client in as a user of that role (the officer by default). */
  as(role: TestRole): void;
  /**
   * Calls a job channel and waits for the job's result (or throws with its error). Input and result are
   * the contract's: `core.job('payroll.build', { month })` is a Promise<BuildResult>.
   */
  job<C extends JobChannel>(channel: C, input: ChannelInput<C>): Promise<JobResult<C>>;
  setNow(iso: string): void;
  /** Calls a channel that must succeed; input and output are the contract's (`core.ok('payout.change', input)`). */
  ok<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Awaited<ChannelOutput<C>>>;
  /** Calls a channel that must fail; the input is anything (tests send wrong input on purpose). */
  fail(
    channel: Channel,
    input: unknown,
  ): Promise<{ code: string; message: string; issues?: Array<{ path: string; message: string }> }>;
}

export function testCore(dir: string, now = '2026-11-15T09:00:00+07:00', file = 'so.sqlite'): TestCore {
  let current = new Date(now);
  // The test clock jumps across months: no idle lock here (tests of the lock set their own).
  const core = createAppCore({
    dbPath: join(dir, file),
    appVersion: 'test',
    shell: 'browser-harness',
    clock: () => current,
    idleMsOverride: Number.MAX_SAFE_INTEGER,
  });
  const users = seedTestUsers(core);
  core.signInInProcess('local', users.officer);
  return Object.assign(core, {
    as: (role: TestRole) => core.signInInProcess('local', users[role]),
    setNow: (iso: string) => {
      current = new Date(iso);
    },
    ok: async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Awaited<ChannelOutput<C>>> => {
      // core.call is untyped (it takes anything, as IPC and HTTP do); the contract is what it answers.
      const r = (await core.call(channel, input)) as ApiResult<Awaited<ChannelOutput<C>>>;
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    job: async <C extends JobChannel>(channel: C, input: ChannelInput<C>): Promise<JobResult<C>> => {
      const started = (await core.call(channel, input)) as ApiResult<{ jobId: string }>;
      if (!started.ok) throw new Error(`${channel} failed: ${started.error.message}`);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const status = (await core.call('jobs.get', { jobId: started.value.jobId })) as ApiResult<{
          state: string;
          result?: unknown;
          error?: { message: string };
        }>;
        if (!status.ok) throw new Error(status.error.message);
        if (status.value.state === 'done') return status.value.result as JobResult<C>;
        if (status.value.state !== 'running')
          throw new Error(`${channel} job ${status.value.state}: ${status.value.error?.message ?? ''}`);
      }
    },
    fail: async (channel: Channel, input: unknown) => {
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

export const enrollNew = (
  p: Partial<PersonInput>,
  programme: EnrollInput['programme'],
  groupCode: string | undefined,
  effectiveMonth: string,
  extra: Partial<EnrollInput> = {},
): EnrollInput => ({
  person: { new: person(p) },
  programme,
  groupCode,
  decision: decision(effectiveMonth),
  ...extra,
});

export interface CoreWithUsb {
  dir: string;
  core: TestCore;
  /** An empty folder standing for a USB stick. */
  usb: string;
}

/** Gives every test of the file a fresh register in a temp folder, closed and removed after it. */
export function eachTestCore(take: (fresh: { dir: string; core: TestCore }) => void): void {
  let close = () => {};
  beforeEach(() => {
    const { dir, cleanup } = tempDir();
    const core = testCore(dir);
    close = () => {
      core.close();
      cleanup();
    };
    take({ dir, core });
  });
  afterEach(() => close());
}

/** eachTestCore with an empty "USB" folder in the temp folder. */
export function eachTestCoreWithUsb(take: (fresh: CoreWithUsb) => void): void {
  eachTestCore(({ dir, core }) => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    take({ dir, core, usb });
  });
}

/**
 * The approver certifies every authorization not yet certified, through the API (issue 14: an authorized
 * account is paid only once its authorization is certified). Returns how many.
 */
export async function certifyAllAuthorizations(core: TestCore, certifiedDate = '05/10/2024'): Promise<number> {
  const ids = core
    .store!.sqlite.prepare(
      'SELECT id FROM authorizations WHERE certified_date IS NULL AND revoked_date IS NULL ORDER BY id',
    )
    .pluck()
    .all() as number[];
  core.as('approver');
  try {
    for (const id of ids)
      await core.ok('authorizations.certify', { id, certifiedDate, certifiedBy: 'Nguyễn Văn Duyệt' });
  } finally {
    core.as('officer');
  }
  return ids.length;
}
