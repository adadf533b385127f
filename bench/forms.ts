import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BenchEnv } from './areas';
import { benchCore, call, mib, ms, row, section, stats, timeAsync, waitForJob } from './lib';
import type { PrintedPdf } from '@shared/api/forms';
import { documentDefinition, renderPdf } from '../main/documents';

// Printed forms at full size, on a copy of the bench register: 1,000 pending authorizations (givers with
// entitlements, receivers with an account) printed as one PDF through the channel (a job): the goal
// is under 15 s. Also one authorization form, and the time and memory of the batch.

const FORMS = Number(process.env.FORMS ?? 1_000);

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export async function benchForms(env: BenchEnv): Promise<void> {
  section(
    `Printed forms (${FORMS.toLocaleString('vi-VN')} authorization forms, register of ${env.people.toLocaleString('vi-VN')} people)`,
  );
  const copy = join(env.dir, 'forms-bench.sqlite');
  const source = new Database(env.registerPath, { readonly: true });
  source.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  source.close();

  // 1,000 pending authorizations: the first givers with an open entitlement, each to a different receiver.
  const db = new Database(copy);
  const now = new Date();
  const from = isoDay(now);
  const to = isoDay(new Date(now.getFullYear() + 1, now.getMonth(), now.getDate() - 1));
  const givers = db
    .prepare(
      'SELECT DISTINCT e.person_id FROM entitlements e JOIN people p ON p.id = e.person_id WHERE p.death_date IS NULL AND e.end_month IS NULL ORDER BY e.person_id LIMIT ?',
    )
    .pluck()
    .all(FORMS) as number[];
  const receivers = db
    .prepare('SELECT id FROM people WHERE id > ? ORDER BY id LIMIT ?')
    .pluck()
    .all(givers.at(-1) ?? 0, FORMS) as number[];
  const account = db.prepare(
    `INSERT INTO bank_accounts (owner_person_id, bank_code, branch, account_number, holder_name, created_at)
     SELECT id, 'AGRIBANK', 'Chi nhánh Phan Thiết', ?, full_name, ? FROM people WHERE id = ?`,
  );
  const authorization = db.prepare(
    `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, created_at)
     VALUES (?, ?, 'Con', ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    givers.forEach((giver, i) => {
      const receiver = receivers[i % receivers.length]!;
      const accountId = account.run(`46002${String(i).padStart(8, '0')}`, now.toISOString(), receiver).lastInsertRowid;
      authorization.run(giver, receiver, accountId, from, to, now.toISOString());
    });
  })();
  db.close();

  const core = benchCore(copy, 'officer');
  try {
    const ids = core
      .store!.sqlite.prepare('SELECT id FROM authorizations ORDER BY id LIMIT 10')
      .pluck()
      .all() as number[];
    const single: number[] = [];
    for (const id of ids)
      single.push(await timeAsync(() => call(core, 'forms.authorization', { authorizationId: id })));
    row('one authorization form, forms.authorization (median of 10)', `${ms(stats(single).median)} ms`);

    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 25);
    let printed: PrintedPdf | undefined;
    const cpuBefore = process.cpuUsage();
    const batch = await timeAsync(async () => {
      const { jobId } = await call(core, 'forms.pendingAuthorizations', {});
      printed = await waitForJob(core, jobId);
    });
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const after = process.memoryUsage();
    peakRss = Math.max(peakRss, after.rss);
    peakHeap = Math.max(peakHeap, after.heapUsed);
    const bytes = Buffer.byteLength(printed!.contentBase64, 'base64');
    row(
      `${printed!.count.toLocaleString('vi-VN')} pending authorization forms as one PDF (job, goal < 15 s)`,
      `${ms(batch)} ms (${printed!.pages.toLocaleString('vi-VN')} pages, ${mib(bytes)}) ${batch < 15_000 ? 'OK' : 'OVER GOAL'}`,
    );
    // On a shared, busy machine wall time overstates the work: the CPU time the process spent is the steadier figure.
    row('  CPU time of the batch (user + system)', `${ms((cpu.user + cpu.system) / 1000)} ms`);
    // Calibration: the same number of pages of 40 plain lines each, straight through renderPdf (no register,
    // no form layout): what pdfmake itself costs on this machine.
    const lines = Array.from(
      { length: 40 },
      (_, i) => `Dòng ${i + 1}: Nguyễn Thị Hường, Đặng Văn Ơn — 060140000123, 12/04/2021`,
    );
    const plainCpu = process.cpuUsage();
    const plain = await timeAsync(() =>
      renderPdf(
        documentDefinition({
          title: 'x',
          pageNumbers: false,
          content: Array.from({ length: FORMS }, (_, i) => ({
            stack: [...lines],
            ...(i ? { pageBreak: 'before' as const } : {}),
          })),
        }),
      ),
    );
    const plainUsage = process.cpuUsage(plainCpu);
    row(
      `  reference: ${FORMS.toLocaleString('vi-VN')} pages of 40 plain lines, renderPdf only`,
      `${ms(plain)} ms (CPU ${ms((plainUsage.user + plainUsage.system) / 1000)} ms)`,
    );
    row(
      '  memory during the batch: peak RSS / peak heap (sampled every 25 ms)',
      `${mib(peakRss)} (+${mib(peakRss - before.rss)}) / ${mib(peakHeap)} (+${mib(peakHeap - before.heapUsed)})`,
    );
  } finally {
    core.close();
  }
}
