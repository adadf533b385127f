import { mkdirSync } from 'node:fs';
import { openDatabase } from '../main/db/open';
import type { ProvinceExportResult } from '@shared/api/reports';
import { benchCore, call, waitForJob } from './lib';
import { insertSyntheticEntitlements, insertSyntheticRegister } from './synthetic-register';

// Synthetic ward registers for the receiving office (issue 17): a register of N people (bench's own
// generator: BTXH entitlements, cash / post office / own-account payout methods) with the office's names
// and its administrative code, and its province export written by the ward app's own exporter
// (reports.exportProvince through the core, as the Báo cáo screen does). Used by bench/receiving.ts and
// tests/e2e/receiving.test.ts.

export interface SyntheticWard {
  dbPath: string;
  code: string;
  name: string;
}

export function makeSyntheticWard(
  dbPath: string,
  options: { people: number; seed: number; code: string; name: string; province?: string },
): SyntheticWard {
  const { store } = openDatabase(dbPath, { appVersion: 'bench' });
  try {
    insertSyntheticRegister(store, options.people, options.seed);
    insertSyntheticEntitlements(store, { seed: options.seed });
    const office = {
      unitName: options.name,
      parentBody: `Tỉnh ${options.province ?? 'Lâm Đồng'}`,
      placeName: options.name.replace(/^UBND (phường|xã) /, ''),
      province: options.province ?? 'Lâm Đồng',
      chairmanName: 'Nguyễn Văn Chủ',
      officerName: 'Trần Thị Hường',
      wardCode: options.code,
      reportRecipients: [],
    };
    store.sqlite
      .prepare(
        "INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES ('office', ?, ?, NULL) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json",
      )
      .run(JSON.stringify(office), new Date().toISOString());
  } finally {
    store.close();
  }
  return { dbPath, code: options.code, name: options.name };
}

/** Writes the ward's province exports for `months` into `folder` (one sub-folder per month); returns their paths. */
export async function exportWardMonths(
  dbPath: string,
  folder: string,
  months: readonly string[],
  reports: readonly ('noncash' | 'changes' | 'form10a' | 'form10c' | 'form10d')[] = [
    'noncash',
    'changes',
    'form10a',
    'form10c',
    'form10d',
  ],
): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const core = benchCore(dbPath, 'officer');
  try {
    const out: string[] = [];
    for (const month of months) {
      const { jobId } = await call(core, 'reports.exportProvince', {
        month,
        folder,
        reports: [...reports],
        confirmPersonalData: true,
        clear: true,
      });
      out.push(((await waitForJob(core, jobId)) as ProvinceExportResult).folder);
    }
    return out;
  } finally {
    core.close();
  }
}
