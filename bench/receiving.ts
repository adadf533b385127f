import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveOfficeMode } from '../main/services/receiving/queries';
import type { ConsolidatedView, ReceiveResult } from '@shared/api/receiving';
import type { ProducedReport } from '@shared/api/reports';
import { benchCore, call, ms, row, section, timeAsync, waitForJob } from './lib';
import { exportWardMonths, makeSyntheticWard } from './synthetic-wards';

// `npm run bench:receiving` (issue 17): a province of BENCH_WARDS wards (default 150) × BENCH_MONTHS
// months (default 12) received and consolidated by the receiving office.
//
// The exports come from the ward app's own exporter: BENCH_EXPORTED_WARDS synthetic ward registers
// (default 6, BENCH_WARD_PEOPLE people each, default 800) each export every month with all five reports
// (PDF, xlsx, data file). Exporting 1,800 folders with their PDFs takes most of an hour on a 2-core
// machine, so the other wards' folders are copies of those exports re-stamped with their own ward code
// and name (manifest, data files, SHA256SUMS redone): the same files, sizes and checks for the receiver.
// Set BENCH_EXPORTED_WARDS=BENCH_WARDS to export every ward for real.

const WARDS = Number(process.env.BENCH_WARDS ?? 150);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const EXPORTED = Math.min(WARDS, Number(process.env.BENCH_EXPORTED_WARDS ?? 6));
const PEOPLE = Number(process.env.BENCH_WARD_PEOPLE ?? 800);
const months = Array.from({ length: MONTHS }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-bench-receiving-'));
const usb = join(dir, 'usb');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const code = (i: number) => String(22000 + i * 3).padStart(5, '0');

/** A copy of an export folder under another ward's code and name, signed again as the exporter signs. */
function restamp(from: string, to: string, wardCode: string, name: string): void {
  cpSync(from, to, { recursive: true });
  for (const file of readdirSync(to).filter((n) => n.endsWith('.json') && n !== 'manifest.json')) {
    const data = JSON.parse(readFileSync(join(to, file), 'utf8'));
    data.ward = { ...data.ward, code: wardCode, name };
    writeFileSync(join(to, file), `${JSON.stringify(data, null, 1)}\n`);
  }
  const manifest = JSON.parse(readFileSync(join(to, 'manifest.json'), 'utf8'));
  manifest.wardCode = wardCode;
  manifest.office = { ...manifest.office, unitName: name };
  for (const f of manifest.files) f.sha256 = sha(readFileSync(join(to, f.name)));
  writeFileSync(join(to, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const names = readdirSync(to).filter((n) => n !== 'SHA256SUMS');
  writeFileSync(join(to, 'SHA256SUMS'), names.map((n) => `${sha(readFileSync(join(to, n)))}  ${n}\n`).join(''));
}

async function main(): Promise<void> {
  console.log(
    `Sổ An Sinh — receiving office benchmark: ${WARDS} wards × ${MONTHS} months (${EXPORTED} wards exported by the ward app, ${PEOPLE} people each), Node ${process.version}`,
  );
  section('Ward side: synthetic registers and their province exports');
  const exported: string[][] = [];
  const exportMs = await timeAsync(async () => {
    for (let i = 0; i < EXPORTED; i++) {
      const dbPath = join(dir, `ward-${i}.sqlite`);
      makeSyntheticWard(dbPath, {
        people: Math.round(PEOPLE * (0.6 + (i % 5) * 0.2)),
        seed: 100 + i,
        code: code(i),
        name: `UBND phường Số ${i + 1}`,
      });
      exported.push(await exportWardMonths(dbPath, join(usb, `phuong-${String(i + 1).padStart(3, '0')}`), months));
    }
  });
  row(
    `${EXPORTED} wards × ${MONTHS} months exported (5 reports each)`,
    `${ms(exportMs)} ms (${ms(exportMs / (EXPORTED * MONTHS))} ms per export)`,
  );
  const stampMs = await timeAsync(async () => {
    for (let i = EXPORTED; i < WARDS; i++) {
      const source = exported[i % EXPORTED]!;
      const target = join(usb, `phuong-${String(i + 1).padStart(3, '0')}`);
      mkdirSync(target, { recursive: true });
      source.forEach((folder, m) =>
        restamp(folder, join(target, `bao-cao-gui-tinh-${months[m]}`), code(i), `UBND phường Số ${i + 1}`),
      );
    }
  });
  row(`${WARDS - EXPORTED} more wards as re-stamped copies`, `${ms(stampMs)} ms`);

  section(`Receiving office: ${WARDS * MONTHS} ward folders`);
  const officePath = join(dir, 'tong-hop.sqlite');
  const office = benchCore(officePath, 'officer');
  try {
    saveOfficeMode(office.store!, 'receiving', new Date().toISOString(), null);
    let result: ReceiveResult | undefined;
    const receiveMs = await timeAsync(async () => {
      const { jobId } = await call(office, 'receiving.receive', { folder: usb });
      result = (await waitForJob(office, jobId)) as ReceiveResult;
    });
    row(
      'receive the whole stick (verify every file, store)',
      `${ms(receiveMs)} ms (${result!.received} received, ${result!.refused} refused; ${ms(receiveMs / (WARDS * MONTHS))} ms per folder)`,
    );
    const againMs = await timeAsync(async () => {
      const { jobId } = await call(office, 'receiving.receive', { folder: usb });
      result = (await waitForJob(office, jobId)) as ReceiveResult;
    });
    row(
      'receive the same stick again (verified, nothing stored)',
      `${ms(againMs)} ms (${result!.already} already there)`,
    );

    let view: ConsolidatedView | undefined;
    const consolidateMs = await timeAsync(async () => {
      for (const month of months) view = await call(office, 'receiving.consolidate', { month });
    });
    row(
      `consolidate each of the ${MONTHS} months (screen figures + 12-month history)`,
      `${ms(consolidateMs)} ms (${ms(consolidateMs / MONTHS)} ms per month; ${view!.wardsReported} wards, ${view!.nonCashTotal.total.toLocaleString('vi-VN')} people)`,
    );
    for (const format of ['pdf', 'xlsx'] as const) {
      let file: ProducedReport | undefined;
      const t = await timeAsync(async () => {
        const { jobId } = await call(office, 'receiving.produce', {
          month: months[months.length - 1]!,
          format,
        });
        file = (await waitForJob(office, jobId)) as ProducedReport;
      });
      row(
        `consolidated report for ${months[months.length - 1]} as ${format.toUpperCase()}`,
        `${ms(t)} ms (${(Buffer.from(file!.contentBase64, 'base64').length / 1024).toFixed(0)} KiB)`,
      );
    }
  } finally {
    office.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
