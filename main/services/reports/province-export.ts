import type { ChannelOutput } from '@shared/api/contract';
import { createHash } from 'node:crypto';
import { schemaVersionOf } from '../../db/migrate';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import { PERSONAL_DATA_REPORTS, REPORT_TITLES, type ProvinceExportResult, type ReportKind } from '@shared/api/reports';
import { formatMonthVi } from '@shared/domain/dates';
import { formatFileSize, formatLocalDateTime, localOffsetLabel } from '@shared/domain/format';
import { JobCancelled, auditedWrite, runningJobOf, startJob, yieldToEventLoop } from '../../jobs';
import { today } from '../clock';
import { assertFolder, writeFolderSafely, type FileToWrite } from '../files/write';
import { encryptBuffer } from '../backup/format';
import { PROTECTED_FILTER_ROLES } from '@shared/domain/masking';
import { getOfficeSettings } from '../settings';
import { periodKey } from './build';
import { reportWithData } from './province-data';
import { PROVINCE_DATA_VERSION } from '@shared/domain/province-data';
import { recipientsFor, reportFileBase } from './document';
import { monthsNeeded, PeriodLoader, resolvePeriod } from './period';
import { reportPdf } from './pdf';
import { reportXlsx } from './xlsx';
import { issueAnchor } from '../audit-anchors';

// "Xuất báo cáo gửi tỉnh": one folder on the chosen drive (a USB stick) holding the selected reports as
// PDF and xlsx, a manifest (manifest.json and a readable DOC-TOI.txt: what, period, office, who, app
// version) and SHA256SUMS (the format `sha256sum -c` checks). The folder is written through
// files/write.ts: into a hidden temp folder, fsynced, renamed into place in one step, then read back
// and compared; a stick pulled out or full gives a Vietnamese message and leaves no folder that looks
// complete. Cancel works while the reports are built and between files being written.

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_TEXT = 'DOC-TOI.txt';
export const SUMS_FILE = 'SHA256SUMS';

interface Input {
  month: string;
  from?: string | undefined;
  folder: string;
  reports: ReportKind[];
  confirmPersonalData: boolean;
  passphrase: string;
  /** The explicit, audited choice to write the reports in clear (issue 12: encrypted by default). */
  clear: boolean;
  /** The explicit, audited choice to print protected groups in the tăng/giảm list (blank by default). */
  includeProtectedGroups: boolean;
}

/** Thrown from the write's progress hook to stop it; files/write.ts removes what it had written. */
class CancelledWrite extends ApiError {
  constructor() {
    super('CONFLICT', 'Đã hủy.');
  }
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function startProvinceExport(ctx: HandlerContext, input: Input): ChannelOutput<'reports.exportProvince'> {
  const { store, user, now } = ctx;
  const reports = [...new Set(input.reports)];
  const personal = reports.filter((r) => PERSONAL_DATA_REPORTS.includes(r));
  if (personal.length > 0 && !input.confirmPersonalData) {
    throw new ApiError(
      'INVALID_INPUT',
      `Báo cáo «${personal.map((r) => REPORT_TITLES[r]).join(', ')}» có họ tên và số định danh cá nhân: hãy xác nhận trước khi ghi ra ổ đĩa.`,
      [{ path: 'confirmPersonalData', message: 'Cần xác nhận: tệp xuất có số định danh cá nhân.' }],
    );
  }
  if (input.includeProtectedGroups && !(user.role && PROTECTED_FILTER_ROLES.includes(user.role))) {
    ctx.auditRead?.({
      action: 'access.denied',
      entity: 'api',
      detail: { channel: 'reports.exportProvince', role: user.role, option: 'includeProtectedGroups' },
    });
    throw new ApiError('FORBIDDEN', 'Chỉ cán bộ chính sách được xuất kèm các nhóm đối tượng không hiển thị.');
  }
  if (runningJobOf('reports.exportProvince'))
    throw new ApiError('CONFLICT', 'Đang xuất một bộ báo cáo khác: hãy chờ xong hoặc hủy việc đó trước.');
  const office = getOfficeSettings(ctx);
  const period = resolvePeriod(input.month, input.from);
  const appVersion = ctx.app.appVersion;

  const jobId = startJob('reports.exportProvince', 'Đang kiểm tra thư mục…', async (progress, signal) => {
    // Refuse a missing folder (stick not plugged in) before spending time on the reports.
    await assertFolder(input.folder);
    // PDF, xlsx and the data file (issue 17) per report, plus manifest.json, DOC-TOI.txt and SHA256SUMS.
    const fileCount = reports.length * 3 + 3;
    const loader = new PeriodLoader(store);
    const months = monthsNeeded(reports, period);
    const total = months.length + reports.length * 3 + fileCount + 1;
    let done = 0;
    const step = async (label?: string) => {
      progress(++done, total, label);
      await yieldToEventLoop();
      signal.throwIfCancelled();
    };
    await loader.preload(months, () => step('Đang đọc sổ đối tượng…'));
    // Each report is written encrypted (name + '.sasbak'); as is only by the explicit `clear` choice.
    const protect = async (name: string, data: Buffer): Promise<FileToWrite> =>
      input.clear
        ? { name, data }
        : {
            name: `${name}.sasbak`,
            data: await encryptBuffer(data, input.passphrase, { createdAt: now.toISOString(), appVersion }),
          };
    const date = today(now);
    const files: FileToWrite[] = [];
    const contents: Array<{
      kind: ReportKind;
      title: string;
      files: string[];
      dataFile: string;
      counts: Record<string, number>;
      personalData: boolean;
      recipients: string[];
    }> = [];
    for (const kind of reports) {
      await step(`Đang tổng hợp: ${REPORT_TITLES[kind]}…`);
      const { doc, data } = reportWithData(
        store,
        kind,
        period,
        loader,
        input.includeProtectedGroups,
        office,
        now.toISOString(),
      );
      const base = reportFileBase(kind, periodKey(kind, period));
      await step(`Đang tạo PDF: ${REPORT_TITLES[kind]}…`);
      const pdf = await protect(`${base}.pdf`, await reportPdf(doc, office, date));
      await step(`Đang tạo Excel: ${REPORT_TITLES[kind]}…`);
      const xlsx = await protect(`${base}.xlsx`, await reportXlsx(doc, office, date));
      const json = await protect(`${base}.json`, Buffer.from(`${JSON.stringify(data, null, 1)}\n`, 'utf8'));
      files.push(pdf, xlsx, json);
      contents.push({
        kind,
        title: REPORT_TITLES[kind],
        files: [pdf.name, xlsx.name],
        dataFile: json.name,
        counts: doc.counts,
        personalData: PERSONAL_DATA_REPORTS.includes(kind),
        recipients: recipientsFor(office, doc.scopes),
      });
    }

    const listed = files.map((f) => ({
      name: f.name,
      bytes: (f.data as Buffer).length,
      sha256: sha256(f.data as Buffer),
    }));
    // The audit chain's anchor (main/services/audit-anchors.ts): the register's newest audit entry now.
    const anchor = issueAnchor(
      store.sqlite,
      ctx.dbControl?.dbPath,
      'province-export',
      `bao-cao-gui-tinh-${period.month}`,
      now,
    );
    const manifest = {
      format: 'so-an-sinh/bao-cao-gui-tinh@1',
      app: 'Sổ An Sinh',
      appVersion,
      // The app's build and the register's schema, so the province knows what produced the figures.
      buildDate: ctx.app.build.buildDate,
      schemaVersion: schemaVersionOf(store.sqlite),
      createdAt: now.toISOString(),
      createdBy: { username: user.username, fullName: user.fullName },
      office: {
        unitName: office.unitName,
        parentBody: office.parentBody,
        province: office.province,
        placeName: office.placeName,
      },
      period: { month: period.month, from: period.from, yearFrom: period.yearFrom },
      // The ward's code and the data files' version (issue 17): what the receiving office checks first.
      wardCode: office.wardCode ?? '',
      dataVersion: PROVINCE_DATA_VERSION,
      containsPersonalData: personal.length > 0,
      encrypted: !input.clear,
      reports: contents,
      files: listed,
      auditAnchor: anchor ? { seq: anchor.seq, hash: anchor.hash } : null,
    };
    const text = manifestText(manifest);
    files.push(
      { name: MANIFEST_JSON, data: `${JSON.stringify(manifest, null, 2)}\n` },
      { name: MANIFEST_TEXT, data: text },
    );
    // `sha256sum -c SHA256SUMS`: "<hex>  <name>" per line, the manifest files included.
    const sums = files.map((f) => `${sha256(f.data as Buffer | string)}  ${f.name}\n`).join('');
    files.push({ name: SUMS_FILE, data: sums });

    const folderName = `bao-cao-gui-tinh-${period.month}`;
    let written;
    try {
      written = await writeFolderSafely(input.folder, folderName, files, {
        onProgress: (n) => {
          progress(done + n, total, `Đang ghi tệp ${n}/${files.length} ra ổ đĩa…`);
          if (signal.cancelled) throw new CancelledWrite();
        },
      });
    } catch (error) {
      if (error instanceof CancelledWrite) throw new JobCancelled();
      throw error;
    }
    done += files.length;

    // Read the sums file back and check every file it names, as the province will.
    progress(done, total, 'Đang kiểm tra lại các tệp đã ghi…');
    const sumsBack = await readFile(join(written.folder, SUMS_FILE), 'utf8');
    for (const line of sumsBack.trim().split('\n')) {
      const [hash, name] = [line.slice(0, 64), line.slice(66)];
      if (sha256(await readFile(join(written.folder, name))) !== hash) {
        throw new ApiError(
          'INTERNAL',
          `Tệp «${name}» đọc lại không khớp: ổ đĩa hoặc USB có thể bị lỗi. Hãy xuất lại ra ổ khác.`,
        );
      }
    }
    progress(total, total, 'Đã ghi và kiểm tra xong.');

    auditedWrite(store, user, now, (audit) => {
      audit({
        action: 'reports.exportProvince',
        entity: 'report',
        entityId: written.folder,
        detail: {
          period: manifest.period,
          reports: contents.map((c) => ({ kind: c.kind, counts: c.counts })),
          files: written.files.length,
          containsPersonalData: manifest.containsPersonalData,
          encrypted: manifest.encrypted,
          includeProtectedGroups: input.includeProtectedGroups,
        },
      });
      if (input.clear)
        audit({
          action: 'sensitive.exportClear',
          entity: 'report',
          entityId: written.folder,
          detail: {
            export: 'reports.exportProvince',
            files: written.files.length,
            containsPersonalData: manifest.containsPersonalData,
          },
        });
      if (input.includeProtectedGroups)
        audit({
          action: 'sensitive.exportProtectedGroups',
          entity: 'report',
          entityId: written.folder,
          detail: { export: 'reports.exportProvince' },
        });
    });
    const result: ProvinceExportResult = {
      folder: written.folder,
      folderName: written.folder.split(/[\\/]/).pop() ?? folderName,
      files: written.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
      verified: true,
    };
    return result;
  });
  return { jobId };
}

function manifestText(m: {
  appVersion: string;
  buildDate: string;
  schemaVersion: number;
  createdAt: string;
  createdBy: { username: string; fullName: string };
  office: { unitName: string; parentBody: string; province: string };
  period: { month: string; from: string; yearFrom: string };
  containsPersonalData: boolean;
  reports: Array<{ title: string; files: string[]; recipients: string[] }>;
  files: Array<{ name: string; bytes: number }>;
  auditAnchor: { seq: number; hash: string } | null;
  wardCode: string;
  dataVersion: number;
}): string {
  const lines = [
    'BỘ BÁO CÁO GỬI TỈNH — Sổ An Sinh',
    '',
    `Đơn vị: ${m.office.unitName}${m.office.parentBody ? ` (${m.office.parentBody})` : ''}${m.office.province ? `, ${m.office.province}` : ''}`,
    `Tháng báo cáo: ${formatMonthVi(m.period.month)}; kỳ tổng hợp: ${formatMonthVi(m.period.from)}–${formatMonthVi(m.period.month)}; lũy kế từ ${formatMonthVi(m.period.yearFrom)}`,
    `Người lập: ${m.createdBy.fullName || m.createdBy.username} (${m.createdBy.username})`,
    // Local time, as the office reads it (manifest.json keeps the exact UTC moment for machines).
    `Thời điểm lập: ${formatLocalDateTime(m.createdAt, { seconds: true })} (giờ ${localOffsetLabel(new Date(m.createdAt))})`,
    `Phiên bản phần mềm: ${m.appVersion} (đóng gói ngày ${m.buildDate}; lược đồ dữ liệu số ${m.schemaVersion})`,
    m.containsPersonalData
      ? 'CHÚ Ý: bộ báo cáo có họ tên và số định danh cá nhân — bảo quản theo quy định về dữ liệu cá nhân.'
      : 'Bộ báo cáo không có số định danh hay số tài khoản.',
    '',
    'Các báo cáo:',
    ...m.reports.map(
      (r, i) =>
        `${i + 1}. ${r.title}: ${r.files.join(', ')}${r.recipients.length ? ` — gửi: ${r.recipients.join('; ')}` : ''}`,
    ),
    '',
    `Mỗi báo cáo kèm một tệp dữ liệu (.json, phiên bản dữ liệu ${m.dataVersion}; mã đơn vị hành chính: ${m.wardCode || 'chưa nhập'}) để đơn vị tổng hợp nhận bằng Sổ An Sinh, không phải nhập lại số liệu.`,
    '',
    'Các tệp (kiểm tra bằng lệnh "sha256sum -c SHA256SUMS" hoặc "certutil -hashfile <tệp> SHA256" trên Windows):',
    ...m.files.map((f) => `- ${f.name} (${formatFileSize(f.bytes)})`),
    '',
    ...(m.auditAnchor ? [`Mốc neo nhật ký: mục số ${m.auditAnchor.seq} · mã ${m.auditAnchor.hash}`, ''] : []),
  ];
  return lines.join('\n');
}
