import { relative } from 'node:path';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { OfficeModeView, ReceivedFolder, ReceiveResult } from '@shared/api/receiving';
import { anchorProblem } from '@shared/domain/province-data';
import { formatLocalDateTime } from '@shared/domain/format';
import { formatMonthVi } from '@shared/domain/dates';
import { auditedWrite, runningJobOf, startJob, yieldToEventLoop } from '../../jobs';
import { assertFolder } from '../files/write';
import {
  exportByManifest,
  newestExportOf,
  insertExport,
  officeMode,
  receivedCount,
  registerPeopleCount,
  saveOfficeMode,
  upsertWard,
  wardAnchors,
  wardsList,
} from './queries';
import { findExportFolders, peekManifest, Refused, verifyFolder, type VerifiedFolder } from './verify';

// Receiving wards' province export folders (issue 17). Every folder is verified in full (verify.ts) before
// anything of it is stored; each verified folder is then stored in its own transaction with its audit
// entry, after the anchor check against what that ward sent before. A refused folder is listed with its
// reason and leaves nothing; a folder received before (same manifest) changes nothing.

export function modeView(ctx: Pick<HandlerContext, 'store'>): OfficeModeView {
  const mode = officeMode(ctx.store);
  let lockedReason: string | null = null;
  if (mode === 'ward' && registerPeopleCount(ctx.store) > 0)
    lockedReason =
      'Sổ đã có đối tượng: đơn vị tổng hợp chỉ giữ số liệu các phường gửi, không giữ sổ của một phường. Hãy cài đặt riêng cho đơn vị tổng hợp.';
  if (mode === 'receiving' && receivedCount(ctx.store) > 0)
    lockedReason = 'Đã nhận báo cáo của các phường: không chuyển lại thành sổ của phường được.';
  return { mode, lockedReason };
}

export function setMode(ctx: HandlerContext, mode: OfficeModeView['mode']): OfficeModeView {
  const before = modeView(ctx);
  if (before.mode === mode) return before;
  if (before.lockedReason) throw new ApiError('CONFLICT', before.lockedReason);
  saveOfficeMode(ctx.store, mode, ctx.now.toISOString(), ctx.user.id);
  ctx.audit({
    action: 'receiving.setMode',
    entity: 'settings',
    entityId: 'office-mode',
    before: { mode: before.mode },
    after: { mode },
  });
  return modeView(ctx);
}

export function requireReceivingMode(ctx: Pick<HandlerContext, 'store'>): void {
  if (officeMode(ctx.store) !== 'receiving')
    throw new ApiError('CONFLICT', 'Chức năng này dùng ở đơn vị tổng hợp: chọn «Đơn vị tổng hợp» trong Cài đặt trước.');
}

export function addWard(ctx: HandlerContext, input: { code: string; name: string; province: string }) {
  requireReceivingMode(ctx);
  upsertWard(ctx.store, input, ctx.now.toISOString());
  ctx.audit({ action: 'receiving.addWard', entity: 'receiving_ward', entityId: input.code, after: input });
  return wardsList(ctx.store);
}

export function startReceive(ctx: HandlerContext, input: { folder: string; passphrase: string }): { jobId: string } {
  requireReceivingMode(ctx);
  if (runningJobOf('receiving.receive'))
    throw new ApiError('CONFLICT', 'Đang nhận một thư mục khác: hãy chờ xong hoặc hủy việc đó trước.');
  const { store, user, now } = ctx;
  const jobId = startJob('receiving.receive', 'Đang tìm các bộ báo cáo…', async (progress, signal) => {
    await assertFolder(input.folder);
    let folders: string[];
    try {
      folders = await findExportFolders(input.folder);
    } catch (error) {
      if (error instanceof Refused) throw new ApiError('INVALID_INPUT', `Thư mục đã chọn: ${error.message}.`);
      throw error;
    }
    if (folders.length === 0)
      throw new ApiError(
        'INVALID_INPUT',
        'Không thấy bộ báo cáo nào (thư mục có manifest.json) trong thư mục đã chọn.',
      );
    const results: ReceivedFolder[] = [];
    const verified: Array<{ v: VerifiedFolder; rel: string }> = [];
    const total = folders.length * 2;
    let done = 0;
    const yieldNow = async () => {
      await yieldToEventLoop();
      signal.throwIfCancelled();
    };
    for (const folder of folders) {
      const rel = relative(input.folder, folder) || '.';
      progress(done++, total, `Đang kiểm tra ${rel}…`);
      try {
        verified.push({ v: await verifyFolder(folder, input.passphrase, yieldNow), rel });
      } catch (error) {
        if (!(error instanceof Refused)) {
          if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'EACCES') {
            results.push({
              folder: rel,
              status: 'refused',
              wardCode: null,
              wardName: null,
              month: null,
              message: 'Không đọc được thư mục (USB bị rút ra hoặc không có quyền đọc).',
            });
            continue;
          }
          throw error;
        }
        // Named as its manifest says (unverified): the office knows whom to call.
        results.push({
          folder: rel,
          status: 'refused',
          ...(await peekManifest(folder)),
          message: `Không nhận: ${error.message}.`,
        });
      }
    }
    // In the order the wards made them, so each anchor is compared with the ones before it.
    verified.sort((a, b) => (a.v.createdAt < b.v.createdAt ? -1 : a.v.createdAt > b.v.createdAt ? 1 : 0));
    for (const { v, rel } of verified) {
      progress(done++, total, `Đang lưu ${rel}…`);
      signal.throwIfCancelled();
      const base = { folder: rel, wardCode: v.ward.code, wardName: v.ward.name, month: v.period.month };
      const seen = exportByManifest(store, v.manifestSha256);
      if (seen) {
        results.push({
          ...base,
          status: 'already',
          message: `Đã nhận trước đây (${formatLocalDateTime(seen.receivedAt)}): không thay đổi gì.`,
        });
        continue;
      }
      const problem = anchorProblem(wardAnchors(store, v.ward.code), {
        createdAt: v.createdAt,
        seq: v.anchor?.seq ?? null,
        hash: v.anchor?.hash ?? null,
      });
      if (problem) {
        results.push({ ...base, status: 'refused', message: `Không nhận: ${problem}.` });
        continue;
      }
      const newest = newestExportOf(store, v.ward.code, v.period.month);
      const replaced = newest !== null && newest < v.createdAt;
      // Made before the one already here (a stick brought late): kept in the history, the newer one counts.
      const older = newest !== null && !replaced;
      auditedWrite(store, user, now, (audit) => {
        upsertWard(store, v.ward, now.toISOString());
        const id = insertExport(
          store,
          {
            wardCode: v.ward.code,
            month: v.period.month,
            from: v.period.from,
            yearFrom: v.period.yearFrom,
            manifestSha256: v.manifestSha256,
            folderName: v.folderName,
            createdAt: v.createdAt,
            createdBy: v.createdBy,
            appVersion: v.appVersion,
            dataVersion: v.dataVersion,
            encrypted: v.encrypted,
            anchor: v.anchor,
            reports: v.reports,
            files: v.files,
            bytes: v.bytes,
          },
          now.toISOString(),
          user.id,
        );
        audit({
          action: 'receiving.receive',
          entity: 'received_export',
          entityId: id,
          detail: {
            ward: v.ward.code,
            month: v.period.month,
            reports: v.reports.map((r) => r.report),
            replaced,
            manifestSha256: v.manifestSha256,
            anchor: v.anchor,
          },
        });
      });
      results.push({
        ...base,
        status: replaced ? 'replaced' : 'received',
        message: replaced
          ? `Đã nhận bộ báo cáo sửa lại tháng ${formatMonthVi(v.period.month)}: thay cho bộ nhận trước (vẫn giữ trong lịch sử).`
          : older
            ? `Đã lưu vào lịch sử: bộ này xuất trước bộ tháng ${formatMonthVi(v.period.month)} đã nhận, nên số liệu của bộ mới hơn vẫn được dùng.`
            : `Đã nhận ${v.reports.length} báo cáo tháng ${formatMonthVi(v.period.month)}.`,
      });
    }
    const refused = results.filter((r) => r.status === 'refused');
    if (refused.length) {
      // Refusals leave no data, but the office keeps a trace of what was presented and why it was refused.
      auditedWrite(store, user, now, (audit) =>
        audit({
          action: 'receiving.refused',
          entity: 'received_export',
          detail: { folders: refused.map((r) => ({ folder: r.folder, ward: r.wardCode, reason: r.message })) },
        }),
      );
    }
    progress(total, total, 'Đã nhận xong.');
    results.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
    const result: ReceiveResult = {
      folders: results,
      received: results.filter((r) => r.status === 'received').length,
      replaced: results.filter((r) => r.status === 'replaced').length,
      already: results.filter((r) => r.status === 'already').length,
      refused: refused.length,
    };
    return result;
  });
  return { jobId };
}
