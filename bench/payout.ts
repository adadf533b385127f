import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BenchEnv } from './areas';
import { benchCore, call, ms, row, section, stats, time, timeAsync } from './lib';
import { payoutResolver } from '../main/services/payout/in-force';
import type { AttentionRow } from '@shared/api/payout';
import { addMonths } from '@shared/domain/dates';

// Payout methods at full size, on a copy of the bench register (the bulk change writes): the method in
// force for every entitlement of one month (payoutResolver, what the payroll and the dashboard use), the
// person page's card, the authorization list, one change, and the bulk change of 10,000 people.

const BULK = 10_000;

/** CPU time of the process while `fn` runs (ms): next to the wall time, it tells work from waiting on a busy machine. */
async function cpu<T>(fn: () => Promise<T> | T): Promise<{ cpuMs: number; value: T }> {
  const start = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(start);
  return { cpuMs: (used.user + used.system) / 1000, value };
}

export async function benchPayout(env: BenchEnv): Promise<void> {
  section(`Payout methods (${env.people.toLocaleString('vi-VN')} people)`);
  const copy = join(env.dir, 'payout-bench.sqlite');
  const source = new Database(env.registerPath, { readonly: true });
  source.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  source.close();
  const core = benchCore(copy, 'officer');
  try {
    const store = core.store!;
    const month = env.month;
    const entitlements = store.sqlite
      .prepare('SELECT person_id AS p, programme_code AS g FROM entitlements')
      .all() as Array<{ p: number; g: string }>;
    const resolve: number[] = [];
    const resolveCpu: number[] = [];
    let nonCash = 0;
    for (let i = 0; i < 5; i++) {
      const { cpuMs, value: wall } = await cpu(() =>
        time(() => {
          const r = payoutResolver(store, month);
          nonCash = 0;
          for (const e of entitlements) if (r.resolve(e.p, e.g).method.endsWith('ACCOUNT')) nonCash++;
        }),
      );
      resolve.push(wall);
      resolveCpu.push(cpuMs);
    }
    row(
      'payoutResolver for the whole register, one month (median of 5)',
      `${ms(stats(resolve).median)} ms, CPU ${ms(stats(resolveCpu).median)} ms (${entitlements.length.toLocaleString('vi-VN')} entitlements, ${nonCash.toLocaleString('vi-VN')} to accounts)`,
    );

    const ids = store.sqlite
      .prepare(
        'SELECT e.person_id FROM entitlements e JOIN people p ON p.id = e.person_id WHERE p.death_date IS NULL AND e.end_month IS NULL ORDER BY e.person_id LIMIT ?',
      )
      .pluck()
      .all(BULK) as number[];
    const page: number[] = [];
    for (let i = 0; i < 20; i++)
      page.push(await timeAsync(() => call(core, 'payout.get', { personId: ids[(i * 997) % ids.length]! })));
    row('person page payout card, payout.get (median of 20)', `${ms(stats(page).median)} ms`);

    let attention: AttentionRow[] = [];
    const list: number[] = [];
    for (let i = 0; i < 3; i++)
      list.push(await timeAsync(async () => (attention = (await call(core, 'authorizations.attention', {})).rows)));
    row('authorizations needing attention (median of 3)', `${ms(stats(list).median)} ms (${attention.length} rows)`);

    const target = addMonths(month, 2);
    const single: number[] = [];
    for (let i = 0; i < 10; i++) {
      single.push(
        await timeAsync(() =>
          call(core, 'payout.change', {
            personId: ids[i]!,
            method: i % 2 ? 'POST_OFFICE' : 'CASH_WARD',
            effectiveMonth: target,
            note: '',
          }),
        ),
      );
    }
    row('one method change, payout.change (median of 10)', `${ms(stats(single).median)} ms`);

    let count = 0;
    const { cpuMs: bulkCpu, value: bulk } = await cpu(() =>
      timeAsync(async () => {
        count = (
          await call(core, 'payout.bulkChange', {
            selection: { personIds: ids },
            method: 'POST_OFFICE',
            effectiveMonth: addMonths(month, 3),
            note: '',
          })
        ).count;
      }),
    );
    row(
      `bulk change of ${ids.length.toLocaleString('vi-VN')} people, payout.bulkChange (one transaction)`,
      `${ms(bulk)} ms, CPU ${ms(bulkCpu)} ms (${count.toLocaleString('vi-VN')} changed)`,
    );
  } finally {
    core.close();
  }
}
