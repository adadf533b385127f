import type { BenchEnv } from './areas';
import { benchCore, call, ms, row, section, stats, timeAsync, waitForJob } from './lib';
import type { CampaignProgress, WorkListExport, WorkListPage } from '@shared/api/campaign';

// The non-cash campaign at full size: the dashboard's figures for a month, the 12-month trend, the work
// list (first page computed, a re-sort from the cache) and its xlsx export, through the real channels.

export async function benchCampaign(env: BenchEnv): Promise<void> {
  section(`Non-cash campaign (${env.people.toLocaleString('vi-VN')} people)`);
  const core = benchCore(env.registerPath, 'officer');
  try {
    const month = env.month;
    // The month's figures: computed on the first call, then kept until the next write.
    let figures: CampaignProgress | undefined;
    const cold = await timeAsync(async () => (figures = await call(core, 'campaign.progress', { month })));
    row(
      'dashboard figures for a month, campaign.progress (computed)',
      `${ms(cold)} ms (${figures!.all.total.toLocaleString('vi-VN')} beneficiaries, ${figures!.all.nonCash.toLocaleString('vi-VN')} non-cash)`,
    );
    const cached: number[] = [];
    for (let i = 0; i < 5; i++) cached.push(await timeAsync(() => call(core, 'campaign.progress', { month })));
    row('  again, nothing written since (cached, median of 5)', `${ms(stats(cached).median)} ms`);

    // The trend job: computed once, then answered from its cache until the next write.
    const runTrend = async () => waitForJob(core, (await call(core, 'campaign.trend', { month })).jobId);
    const trendCold = await timeAsync(runTrend);
    row('12-month trend, campaign.trend job (computed)', `${ms(trendCold)} ms`);
    row('  again, nothing written since (cached)', `${ms(await timeAsync(runTrend))} ms`);

    // A write invalidates the work list's cache: the first page computes it, the next ones re-sort it.
    core
      .store!.sqlite.prepare(
        "INSERT INTO settings (key, value_json, updated_at) VALUES ('bench.campaign', '1', '') ON CONFLICT(key) DO UPDATE SET value_json = '2'",
      )
      .run();
    let page: WorkListPage | undefined;
    const listCold = await timeAsync(
      async () => (page = await call(core, 'campaign.workList', { month, sort: 'neighbourhood', limit: 200 })),
    );
    row(
      'work list after a write, first page (month recomputed)',
      `${ms(listCold)} ms (${page!.total.toLocaleString('vi-VN')} people paid in cash)`,
    );
    const resort: number[] = [];
    for (const sort of ['name', 'age', 'phone', 'address', 'relative'] as const) {
      resort.push(
        await timeAsync(() =>
          call(core, 'campaign.workList', { month, sort, descending: true, offset: 1000, limit: 200 }),
        ),
      );
    }
    row('work list, re-sort by a column and page (cached, median of 5 columns)', `${ms(stats(resort).median)} ms`);

    let file: WorkListExport | undefined;
    const exportMs = await timeAsync(async () => {
      const { jobId } = await call(core, 'campaign.exportWorkList', { month, sort: 'neighbourhood' });
      file = await waitForJob(core, jobId);
    });
    row(
      'work list export to xlsx (job)',
      `${ms(exportMs)} ms (${file!.count.toLocaleString('vi-VN')} rows, ${(Buffer.from(file!.contentBase64, 'base64').length / 1024 / 1024).toFixed(1)} MiB)`,
    );
  } finally {
    core.close();
  }
}
