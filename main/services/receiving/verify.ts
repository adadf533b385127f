import { createHash } from 'node:crypto';
import { open, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { REPORT_KINDS } from '@shared/api/reports';
import { formatFileSize } from '@shared/domain/format';
import {
  dataVersionProblem,
  PROVINCE_DATA_MAX_BYTES,
  PROVINCE_DATA_VERSION,
  provinceDataSchema,
  WARD_CODE_PATTERN,
  type ProvinceData,
} from '@shared/domain/province-data';
import { decryptBuffer, NotABackup, WrongPassphrase } from '../backup/format';
import { MANIFEST_JSON, SUMS_FILE } from '../reports/province-export';

// Verifies one ward's province export folder before anything of it is stored (issue 17): the manifest,
// the SHA-256 of every file against SHA256SUMS (and no file outside it), the data files' version and
// shape, the ward code and the period in every data file against the manifest. Everything read is
// bounded (file count, each file's size, the folder's total, a deadline), and each file is read once:
// the bytes hashed are the bytes parsed. The anchor is compared with earlier exports by receive.ts, inside
// the transaction that stores the folder.

export const LIMITS = {
  files: 100,
  manifestBytes: 1024 * 1024,
  sumsBytes: 64 * 1024,
  fileBytes: 64 * 1024 * 1024,
  folderBytes: 512 * 1024 * 1024,
  /** A stick full of wards: folders looked at below the chosen one. */
  folders: 5000,
  depth: 3,
  msPerFolder: 120_000,
} as const;

export class Refused extends Error {}

const manifestSchema = z.object({
  format: z.literal('so-an-sinh/bao-cao-gui-tinh@1'),
  appVersion: z.string().max(100),
  createdAt: z
    .string()
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s))),
  createdBy: z.object({ username: z.string().max(200), fullName: z.string().max(200) }),
  office: z.object({ unitName: z.string().max(300), province: z.string().max(300) }),
  period: z.object({
    month: z.string().regex(/^\d{4}-\d{2}$/),
    from: z.string().regex(/^\d{4}-\d{2}$/),
    yearFrom: z.string().regex(/^\d{4}-\d{2}$/),
  }),
  wardCode: z.string().max(20),
  dataVersion: z.number().int(),
  encrypted: z.boolean(),
  reports: z
    .array(z.object({ kind: z.enum(REPORT_KINDS), dataFile: z.string().max(300) }))
    .min(1)
    .max(REPORT_KINDS.length),
  files: z.array(z.object({ name: z.string().max(300), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).max(LIMITS.files),
  auditAnchor: z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
});

export interface VerifiedFolder {
  path: string;
  manifestSha256: string;
  folderName: string;
  ward: { code: string; name: string; province: string };
  period: { month: string; from: string; yearFrom: string };
  createdAt: string;
  createdBy: string;
  appVersion: string;
  dataVersion: number;
  encrypted: boolean;
  anchor: { seq: number; hash: string } | null;
  reports: Array<{ report: ProvinceData['report']; json: string }>;
  files: number;
  bytes: number;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const plainName = (n: string) =>
  n.length > 0 && n.length <= 255 && !/[\\/\0]/.test(n) && n !== '.' && n !== '..' && !n.startsWith('.');

/** Reads a whole file, refusing it above `max` bytes before reading (the size is the opened file's own). */
async function readBounded(path: string, max: number, name: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > max) throw new Refused(`tệp «${name}» quá lớn (${formatFileSize(size)}, tối đa ${formatFileSize(max)})`);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/**
 * The ward folders under `root`: `root` itself when it holds a manifest, otherwise folders below it (a
 * USB stick with one folder per ward, or per ward and month) up to LIMITS.depth; hidden folders (an
 * export still being written) are skipped.
 */
export async function findExportFolders(root: string): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (++seen > LIMITS.folders)
      throw new Refused(`có quá nhiều thư mục (hơn ${LIMITS.folders}): hãy chọn thư mục nhỏ hơn`);
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === MANIFEST_JSON)) {
      found.push(dir);
      return;
    }
    if (depth >= LIMITS.depth) return;
    const subs = entries.filter(
      (e) =>
        e.isDirectory() &&
        !e.name.startsWith('.') &&
        e.name !== 'System Volume Information' &&
        e.name !== '$RECYCLE.BIN',
    );
    subs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of subs) await walk(join(dir, e.name), depth + 1);
  };
  await walk(root, 0);
  return found;
}

/** Who a refused folder says it is from (its manifest, read as is, bounded), to name it in the list. */
export async function peekManifest(
  path: string,
): Promise<{ wardCode: string | null; wardName: string | null; month: string | null }> {
  try {
    const m = JSON.parse(
      (await readBounded(join(path, MANIFEST_JSON), LIMITS.manifestBytes, MANIFEST_JSON)).toString('utf8'),
    ) as {
      wardCode?: unknown;
      office?: { unitName?: unknown };
      period?: { month?: unknown };
    };
    const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
    const month = str(m.period?.month, 7);
    return {
      wardCode: str(m.wardCode, 5),
      wardName: str(m.office?.unitName, 300),
      month: month && /^\d{4}-\d{2}$/.test(month) ? month : null,
    };
  } catch {
    return { wardCode: null, wardName: null, month: null };
  }
}

/** Verifies one folder; throws Refused with the reason in Vietnamese (the caller lists it). */
export async function verifyFolder(
  path: string,
  passphrase: string,
  yieldNow: () => Promise<void>,
): Promise<VerifiedFolder> {
  const deadline = Date.now() + LIMITS.msPerFolder;
  const checkTime = () => {
    if (Date.now() > deadline)
      throw new Refused(`đọc thư mục quá ${LIMITS.msPerFolder / 1000} giây: ổ USB có thể bị lỗi`);
  };
  const entries = await readdir(path, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile()).map((e) => e.name);
  if (names.length > LIMITS.files)
    throw new Refused(`thư mục có ${names.length} tệp, nhiều hơn một bộ báo cáo (tối đa ${LIMITS.files})`);
  if (!names.includes(SUMS_FILE))
    throw new Refused(`thiếu tệp ${SUMS_FILE} (mã kiểm tra): không kiểm tra được các tệp`);

  // SHA256SUMS: "<hex>  <name>" per line, every other file of the folder listed exactly once.
  const sumsText = (await readBounded(join(path, SUMS_FILE), LIMITS.sumsBytes, SUMS_FILE)).toString('utf8');
  const sums = new Map<string, string>();
  for (const line of sumsText.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m || !plainName(m[2]!) || sums.has(m[2]!)) throw new Refused(`tệp ${SUMS_FILE} có dòng không đúng định dạng`);
    sums.set(m[2]!, m[1]!);
  }
  for (const name of names)
    if (name !== SUMS_FILE && !sums.has(name))
      throw new Refused(`tệp «${name}» không có trong ${SUMS_FILE}: thư mục có tệp lạ`);
  for (const name of sums.keys())
    if (!names.includes(name)) throw new Refused(`thiếu tệp «${name}» ghi trong ${SUMS_FILE}`);
  if (!sums.has(MANIFEST_JSON)) throw new Refused(`${MANIFEST_JSON} không có trong ${SUMS_FILE}`);

  // Every file hashed (read once, bounded); the manifest and the data files kept for parsing.
  const kept = new Map<string, Buffer>();
  let bytes = 0;
  const wantKept = (name: string) => name === MANIFEST_JSON || name.endsWith('.json') || name.endsWith('.json.sasbak');
  for (const [name, expected] of sums) {
    checkTime();
    const max =
      name === MANIFEST_JSON
        ? LIMITS.manifestBytes
        : wantKept(name)
          ? PROVINCE_DATA_MAX_BYTES + 4096
          : LIMITS.fileBytes;
    const data = await readBounded(join(path, name), max, name);
    bytes += data.length;
    if (bytes > LIMITS.folderBytes) throw new Refused(`thư mục lớn hơn ${formatFileSize(LIMITS.folderBytes)}`);
    if (sha256(data) !== expected)
      throw new Refused(`tệp «${name}» không khớp mã kiểm tra SHA-256: tệp đã bị sửa hoặc hỏng khi chép`);
    if (wantKept(name)) kept.set(name, data);
    await yieldNow();
  }

  const manifestBytes = kept.get(MANIFEST_JSON)!;
  let raw: unknown;
  try {
    raw = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw new Refused(`${MANIFEST_JSON} không phải JSON hợp lệ`);
  }
  const r = raw as { format?: unknown; dataVersion?: unknown };
  if (typeof raw !== 'object' || raw === null || r.format !== 'so-an-sinh/bao-cao-gui-tinh@1')
    throw new Refused('không phải bộ báo cáo gửi tỉnh của Sổ An Sinh');
  if (r.dataVersion === undefined)
    throw new Refused(
      'bộ báo cáo do phiên bản cũ của Sổ An Sinh xuất, chưa có tệp dữ liệu: phường cần cập nhật phần mềm rồi xuất lại',
    );
  if (typeof r.dataVersion === 'number' && r.dataVersion > PROVINCE_DATA_VERSION)
    throw new Refused(dataVersionProblem({ format: 'so-an-sinh/du-lieu-bao-cao', dataVersion: r.dataVersion })!);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new Refused(`${MANIFEST_JSON} thiếu hoặc sai trường «${parsed.error.issues[0]?.path.join('.') ?? ''}»`);
  const m = parsed.data;
  if (!WARD_CODE_PATTERN.test(m.wardCode))
    throw new Refused(
      'bộ báo cáo không có mã đơn vị hành chính của phường: phường cần nhập mã ở Cài đặt → Thông tin đơn vị rồi xuất lại',
    );
  for (const f of m.files)
    if (sums.get(f.name) !== f.sha256)
      throw new Refused(`${MANIFEST_JSON} và ${SUMS_FILE} ghi khác nhau về tệp «${f.name}»`);

  const reports: VerifiedFolder['reports'] = [];
  for (const { kind, dataFile } of m.reports) {
    checkTime();
    let data = kept.get(dataFile);
    if (!data) throw new Refused(`thiếu tệp dữ liệu «${dataFile}» của báo cáo ${kind}`);
    if (m.encrypted) {
      if (!passphrase)
        throw new Refused('bộ báo cáo được mã hoá: nhập cụm mật khẩu phường gửi kèm (qua kênh khác) rồi nhận lại');
      try {
        data = await decryptBuffer(data, passphrase);
      } catch (error) {
        if (error instanceof WrongPassphrase)
          throw new Refused('cụm mật khẩu không đúng với bộ báo cáo này (hoặc tệp dữ liệu bị hỏng)');
        if (error instanceof NotABackup)
          throw new Refused(`tệp dữ liệu «${dataFile}» không phải tệp mã hoá của Sổ An Sinh`);
        throw error;
      }
    }
    if (data.length > PROVINCE_DATA_MAX_BYTES) throw new Refused(`tệp dữ liệu «${dataFile}» quá lớn`);
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      throw new Refused(`tệp dữ liệu «${dataFile}» không phải JSON hợp lệ`);
    }
    const versionProblem = dataVersionProblem(json);
    if (versionProblem) throw new Refused(`«${dataFile}»: ${versionProblem}`);
    const d = provinceDataSchema.safeParse(json);
    if (!d.success)
      throw new Refused(`tệp dữ liệu «${dataFile}» sai cấu trúc (trường «${d.error.issues[0]?.path.join('.') ?? ''}»)`);
    const v = d.data;
    if (v.report !== kind) throw new Refused(`tệp dữ liệu «${dataFile}» là của báo cáo khác (${v.report})`);
    if (v.ward.code !== m.wardCode)
      throw new Refused(
        `tệp dữ liệu «${dataFile}» ghi mã phường ${v.ward.code || '(trống)'}, khác mã ${m.wardCode} của bộ báo cáo`,
      );
    if (v.period.month !== m.period.month || v.period.from !== m.period.from || v.period.yearFrom !== m.period.yearFrom)
      throw new Refused(`tệp dữ liệu «${dataFile}» ghi kỳ báo cáo khác với bộ báo cáo`);
    if ((v.report === 'noncash' || v.report === 'changes') && v.data.month !== m.period.month)
      throw new Refused(`tệp dữ liệu «${dataFile}» ghi tháng khác với bộ báo cáo`);
    if (reports.some((x) => x.report === v.report)) throw new Refused(`báo cáo ${kind} có hai lần trong bộ báo cáo`);
    reports.push({ report: v.report, json: JSON.stringify(v.data) });
  }

  return {
    path,
    manifestSha256: sha256(manifestBytes),
    folderName: basename(path),
    ward: { code: m.wardCode, name: m.office.unitName, province: m.office.province },
    period: m.period,
    createdAt: new Date(m.createdAt).toISOString(),
    createdBy: m.createdBy.fullName || m.createdBy.username,
    appVersion: m.appVersion,
    dataVersion: m.dataVersion,
    encrypted: m.encrypted,
    anchor: m.auditAnchor,
    reports,
    files: sums.size + 1,
    bytes,
  };
}
