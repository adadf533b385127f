import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import {
  transferPayloadV1Schema,
  type recordTransferSchema,
  type TransferFilesInput,
  type TransferFilesResult,
} from '@shared/api/person-file';
import type { WriteResult } from '@shared/api/register';
import { addMonths, formatDateVi, monthOfDate } from '@shared/domain/dates';
import { TRANSFER_FILE_SUFFIX, transferFileBase } from '@shared/domain/transfer-file';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { encryptBuffer } from '../backup/format';
import { writeFilesSafely } from '../files/write';
import { getOfficeSettings } from '../settings';
import { recordMoveAway } from '../register/life-events';
import { collectPersonFile, transferPayload } from './collect';
import { renderPersonFile } from './pdf';
import { insertTransfer, latestTransferOut, moveStopDecision, personIdentity } from './queries';
import { ensureSigningKey, signPayload } from './signing';

// A person moves to another ward. Recording it (a command) is the move-out of register.moveAway (every
// entitlement stops after the move's month, one stop decision each) plus a transfer row naming the ward;
// a move already recorded through "Chuyển đi" is taken as it is. The files (a job) can then be written
// as often as needed (a lost stick): the person file PDF and the signed transfer file side by side,
// encrypted by default like every export with personal data (issue 12).

type RecordTransfer = z.output<typeof recordTransferSchema>;

export function recordTransfer(ctx: HandlerContext, input: RecordTransfer): WriteResult & { transferId: number } {
  const person = personIdentity(ctx.store, input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (person.death_date) throw new ApiError('CONFLICT', `${person.full_name} đã từ trần: không chuyển hồ sơ đi.`);
  const earlier = latestTransferOut(ctx.store, person.id);
  if (earlier)
    throw new ApiError(
      'CONFLICT',
      `Đã ghi ${person.full_name} chuyển đến ${earlier.other_unit} ngày ${formatDateVi(earlier.moved_date)}.`,
    );
  let warnings: WriteResult['warnings'] = [];
  let decisionNumber = input.decision.number;
  if (person.moved_away_date) {
    // Moved away earlier through "Chuyển đi": the same move, so its stop decisions stand.
    if (person.moved_away_date !== input.movedDate) {
      throw new ApiError(
        'INVALID_INPUT',
        `Đã ghi chuyển đi ngày ${formatDateVi(person.moved_away_date)}: ngày chuyển đi phải là ngày đó.`,
        [{ path: 'movedDate', message: `Đã ghi chuyển đi ngày ${formatDateVi(person.moved_away_date)}.` }],
      );
    }
    decisionNumber =
      moveStopDecision(ctx.store, person.id, addMonths(monthOfDate(person.moved_away_date), 1))?.number ??
      decisionNumber;
  } else {
    const reason = input.decision.reason || `Chuyển đến ${input.toUnit} ngày ${formatDateVi(input.movedDate)}`;
    warnings = recordMoveAway(ctx, {
      personId: person.id,
      movedDate: input.movedDate,
      decision: { ...input.decision, reason },
    }).warnings;
  }
  const at = ctx.now.toISOString();
  ensureSigningKey(ctx.store, at, ctx.user.id);
  const transferId = insertTransfer(ctx.store, {
    person_id: person.id,
    direction: 'out',
    other_unit: input.toUnit,
    moved_date: input.movedDate,
    decision_number: decisionNumber,
    created_at: at,
    created_by: ctx.user.id,
  });
  ctx.audit({
    action: 'personFile.transferOut',
    entity: 'person',
    entityId: person.id,
    personId: person.id,
    after: { toUnit: input.toUnit, movedDate: input.movedDate, decisionNumber },
  });
  return { personId: person.id, warnings, transferId };
}

export function startTransferFiles(
  ctx: HandlerContext,
  input: TransferFilesInput & { passphrase: string; clear: boolean },
): { jobId: string } {
  const { store, user, now } = ctx;
  const person = personIdentity(store, input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  const transfer = latestTransferOut(store, person.id);
  if (!transfer)
    throw new ApiError('INVALID_INPUT', 'Chưa ghi chuyển hồ sơ đi: ghi nơi chuyển đến và quyết định thôi hưởng trước.');
  const folder = input.folder?.trim() || undefined;
  const office = getOfficeSettings(ctx);
  const appVersion = ctx.app.appVersion;
  const jobId = startJob('personFile.transferFiles', 'Đang lập hồ sơ chuyển đi…', async (progress, signal) => {
    progress(0, 3);
    const data = collectPersonFile(ctx, person.id);
    const stop = moveStopDecision(store, person.id, addMonths(monthOfDate(transfer.moved_date), 1));
    const payload = transferPayload(
      data,
      office,
      {
        toUnit: transfer.other_unit,
        movedDate: transfer.moved_date,
        stopDecision: {
          number: stop?.number ?? transfer.decision_number,
          signedDate: stop?.signed_date ?? null,
          signer: stop?.signer ?? '',
        },
      },
      { appVersion, createdAt: now.toISOString() },
    );
    // Never write a file the receiving ward would refuse (a field longer than the schema allows).
    const valid = transferPayloadV1Schema.safeParse(payload);
    if (!valid.success)
      throw new ApiError(
        'INVALID_INPUT',
        `Không lập được tệp chuyển hồ sơ: mục ${valid.error.issues[0]?.path.join('.') ?? ''} không hợp lệ.`,
      );
    const signed = signPayload(store, payload);
    progress(1, 3, 'Đang dựng hồ sơ PDF…');
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const { buffer: pdf, pages } = await renderPersonFile(ctx, data, {
      sha256: signed.sha256,
      keyFingerprint: signed.fingerprint,
    });
    signal.throwIfCancelled();
    const json = Buffer.from(`${JSON.stringify(signed.envelope, null, 2)}\n`, 'utf8');
    const base = transferFileBase(data.detail.person.citizenId, person.id, transfer.moved_date);
    const meta = { createdAt: now.toISOString(), appVersion };
    const files = input.clear
      ? [
          { name: `${base}.pdf`, data: pdf, mimeType: 'application/pdf' },
          { name: `${base}${TRANSFER_FILE_SUFFIX}`, data: json, mimeType: 'application/json' },
        ]
      : [
          {
            name: `${base}.pdf.sasbak`,
            data: await encryptBuffer(pdf, input.passphrase, meta),
            mimeType: 'application/octet-stream',
          },
          {
            name: `${base}${TRANSFER_FILE_SUFFIX}.sasbak`,
            data: await encryptBuffer(json, input.passphrase, meta),
            mimeType: 'application/octet-stream',
          },
        ];
    signal.throwIfCancelled();
    progress(2, 3, folder ? 'Đang ghi tệp vào thư mục…' : undefined);
    let result: TransferFilesResult;
    const common = { encrypted: !input.clear, sha256: signed.sha256, keyFingerprint: signed.fingerprint };
    if (folder) {
      const written = await writeFilesSafely(
        folder,
        files.map((f) => ({ name: f.name, data: f.data })),
      );
      result = {
        destination: 'folder',
        folder,
        files: written.map((w) => ({ fileName: w.name, path: w.path, bytes: w.bytes })),
        ...common,
      };
    } else {
      result = {
        destination: 'download',
        files: files.map((f) => ({ fileName: f.name, contentBase64: f.data.toString('base64'), mimeType: f.mimeType })),
        ...common,
      };
    }
    auditedWrite(store, user, now, (audit) => {
      audit({
        action: 'personFile.transferFiles',
        entity: 'person',
        entityId: person.id,
        personId: person.id,
        detail: {
          toUnit: transfer.other_unit,
          sha256: signed.sha256,
          keyFingerprint: signed.fingerprint,
          pages,
          encrypted: !input.clear,
          destination: folder ? 'folder' : 'download',
          ...(folder ? { folder } : {}),
        },
      });
      if (input.clear)
        audit({
          action: 'sensitive.exportClear',
          entity: 'export',
          detail: { export: 'personFile.transferFiles', rows: 1 },
        });
    });
    progress(3, 3);
    return result;
  });
  return { jobId };
}
