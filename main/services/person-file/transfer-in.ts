import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import {
  transferEnvelopeSchema,
  transferPayloadV1Schema,
  type importCommitSchema,
  type ImportPreviewInput,
  type TransferPreview,
} from '@shared/api/person-file';
import type { PersonFields, WriteResult } from '@shared/api/register';
import { formatDateVi } from '@shared/domain/dates';
import { foldForSearch } from '@shared/domain/text';
import {
  canonicalJson,
  MAX_TRANSFER_FILE_BYTES,
  TRANSFER_FORMAT,
  TRANSFER_VERSION,
  type TransferPayloadV1,
} from '@shared/domain/transfer-file';
import { decryptFile, MAGIC, NotABackup, readHeader, WrongPassphrase } from '../backup/format';
import { currentMonth } from '../clock';
import { createPerson } from '../register/people';
import { refreshSummary } from '../register/summary';
import { getOfficeSettings } from '../settings';
import { importedTransferAt, insertTransfer, maskedPayload, personByCitizenId } from './queries';
import { keyFingerprint, sha256Hex, signatureValid } from './signing';

// The receiving ward imports a transfer file (shared/domain/transfer-file.ts). The preview decrypts,
// checks the format and its version, the SHA-256 and the Ed25519 signature, then every field of the
// payload (bounded lengths and counts), and whether the citizen ID is already in the register; it writes
// nothing and keeps the verified payload under a token for a short while. The commit (one transaction)
// creates the person and keeps the previous ward's history as a read-only transfer row: no entitlement
// is created, so nothing is owed here for months the previous ward paid; paying starts from this
// ward's own decision (register.enroll on the person created).

const refuse = (message: string): never => {
  throw new ApiError('INVALID_INPUT', message);
};

interface Verified {
  payload: TransferPayloadV1;
  sha256: string;
  fingerprint: string;
  version: number;
  encrypted: boolean;
  expires: number;
}

/** Verified previews waiting for their commit (in the core's memory: a restart asks for the file again). */
const pending = new Map<string, Verified>();
const PREVIEW_TTL_MS = 30 * 60 * 1000;
const MAX_PENDING = 20;

function prune(now: number): void {
  for (const [token, v] of pending) if (v.expires < now) pending.delete(token);
  while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
}

/** Decrypts an encrypted transfer file (the .sasbak format) held in memory; bounded before scrypt runs. */
async function decrypt(bytes: Buffer, passphrase: string): Promise<Buffer> {
  if (!passphrase) refuse('Tệp chuyển hồ sơ được mã hoá: nhập cụm mật khẩu mà nơi gửi đã báo.');
  const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-chuyen-'));
  try {
    const source = join(dir, 'in.sasbak');
    const target = join(dir, 'out.json');
    writeFileSync(source, bytes);
    const { header } = readHeader(source);
    if (typeof header.bytes !== 'number' || header.bytes > MAX_TRANSFER_FILE_BYTES)
      refuse('Tệp quá lớn để là tệp chuyển hồ sơ.');
    await decryptFile(source, target, passphrase);
    return readFileSync(target);
  } catch (error) {
    if (error instanceof WrongPassphrase)
      refuse('Sai cụm mật khẩu, hoặc tệp đã bị sửa đổi hay hỏng: không đọc được tệp.');
    if (error instanceof NotABackup) refuse('Tệp mã hoá không đúng định dạng của Sổ An Sinh.');
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything a transfer file must pass before anything is shown; throws a Vietnamese refusal. */
export async function verifyTransferFile(bytes: Buffer, passphrase: string): Promise<Omit<Verified, 'expires'>> {
  if (bytes.length > MAX_TRANSFER_FILE_BYTES)
    refuse(`Tệp quá lớn: tệp chuyển hồ sơ chỉ đến ${MAX_TRANSFER_FILE_BYTES / 1024 / 1024} MB.`);
  const encrypted = bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC);
  const plain = encrypted ? await decrypt(bytes, passphrase) : bytes;
  let envelope: unknown;
  try {
    envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    return refuse('Tệp này không phải tệp chuyển hồ sơ của Sổ An Sinh (không đọc được nội dung).');
  }
  const head = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as {
    format?: unknown;
    version?: unknown;
  };
  if (head.format !== TRANSFER_FORMAT) refuse('Tệp này không phải tệp chuyển hồ sơ của Sổ An Sinh.');
  if (typeof head.version === 'number' && head.version > TRANSFER_VERSION) {
    refuse(
      `Tệp chuyển hồ sơ được lập bằng phiên bản Sổ An Sinh mới hơn (định dạng số ${head.version}; phiên bản này đọc đến số ${TRANSFER_VERSION}): hãy cập nhật ứng dụng rồi nhập lại.`,
    );
  }
  const parsed = transferEnvelopeSchema.safeParse(envelope);
  if (!parsed.success || parsed.data.version !== TRANSFER_VERSION)
    return refuse('Tệp chuyển hồ sơ bị hỏng hoặc không đúng định dạng.');
  const e = parsed.data;
  let sha256: string;
  try {
    sha256 = sha256Hex(Buffer.from(canonicalJson(e.payload), 'utf8'));
  } catch {
    return refuse('Tệp chuyển hồ sơ bị hỏng hoặc không đúng định dạng.');
  }
  if (sha256 !== e.sha256)
    refuse('Mã kiểm tra (SHA-256) không khớp: nội dung tệp đã bị sửa đổi hoặc bị hỏng sau khi lập.');
  if (!signatureValid(e.version, e.sha256, e.signature.publicKey, e.signature.value))
    refuse('Chữ ký của tệp không hợp lệ: tệp đã bị sửa đổi hoặc bị hỏng sau khi lập.');
  const payload = transferPayloadV1Schema.safeParse(e.payload);
  if (!payload.success) {
    const where = payload.error.issues[0]?.path.join('.') ?? '';
    return refuse(`Nội dung tệp chuyển hồ sơ không hợp lệ${where ? ` (mục ${where})` : ''}.`);
  }
  return {
    payload: payload.data as TransferPayloadV1,
    sha256,
    fingerprint: keyFingerprint(e.signature.publicKey),
    version: e.version,
    encrypted,
  };
}

function refuseKnownCitizen(ctx: HandlerContext, payload: TransferPayloadV1): void {
  if (!payload.person.citizenId) return;
  const known = personByCitizenId(ctx.store, payload.person.citizenId);
  if (!known) return;
  const state = known.death_date
    ? `, đã từ trần ngày ${formatDateVi(known.death_date)}`
    : known.moved_away_date
      ? `, đã chuyển đi ngày ${formatDateVi(known.moved_away_date)}`
      : '';
  throw new ApiError(
    'CONFLICT',
    `Số định danh ${payload.person.citizenId} đã có trong sổ của đơn vị (${known.full_name}${state}): không nhập hồ sơ chuyển đến này. Nếu là cùng một người, hãy xem hồ sơ đang có.`,
  );
}

export async function previewTransfer(
  ctx: HandlerContext,
  input: ImportPreviewInput & { passphrase: string },
): Promise<TransferPreview> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const verified = await verifyTransferFile(bytes, input.passphrase);
  refuseKnownCitizen(ctx, verified.payload);
  const already = importedTransferAt(ctx.store, verified.sha256);
  if (already)
    throw new ApiError('CONFLICT', `Tệp chuyển hồ sơ này đã được nhập ngày ${formatDateVi(already.slice(0, 10))}.`);
  const p = verified.payload;
  const warnings: string[] = [];
  const own = getOfficeSettings(ctx).unitName;
  const core = (s: string) => foldForSearch(s).replace(/^(ubnd|uy ban nhan dan)\s+/, '');
  if (own && p.to.unitName && core(own) !== core(p.to.unitName))
    warnings.push(`Tệp lập để chuyển đến «${p.to.unitName}», không phải «${own}»: kiểm tra lại trước khi nhập.`);
  if (!p.person.citizenId)
    warnings.push(
      'Hồ sơ chưa có số định danh cá nhân: không kiểm tra được trùng người trong sổ; hãy tìm theo họ tên trước khi nhập.',
    );
  if (p.money.openOverpaidVnd > 0)
    warnings.push(
      `Nơi cũ còn phải thu hồi ${p.money.openOverpaidVnd.toLocaleString('vi-VN')} đồng: việc thu hồi do nơi cũ theo dõi.`,
    );
  const now = ctx.now.getTime();
  prune(now);
  const token = randomUUID();
  pending.set(token, { ...verified, expires: now + PREVIEW_TTL_MS });
  return {
    token,
    encrypted: verified.encrypted,
    schemaVersion: verified.version,
    sha256: verified.sha256,
    keyFingerprint: verified.fingerprint,
    // The screen needs no full identifiers: the commit uses the verified payload kept here.
    payload: maskedPayload(p),
    counts: {
      entitlements: p.entitlements.length,
      decisions: p.decisions.length,
      payoutMethods: p.payoutMethods.length,
      authorizations: p.authorizations.length,
      months: p.money.months.length,
    },
    warnings,
  };
}

export function commitTransfer(ctx: HandlerContext, input: z.output<typeof importCommitSchema>): WriteResult {
  const verified = pending.get(input.token);
  if (!verified || verified.expires < ctx.now.getTime())
    throw new ApiError(
      'INVALID_INPUT',
      'Phiên xem trước đã hết hạn hoặc ứng dụng vừa khởi động lại: hãy chọn lại tệp chuyển hồ sơ.',
    );
  const p = verified.payload;
  refuseKnownCitizen(ctx, p);
  const fields: PersonFields = {
    fullName: p.person.fullName,
    birthDate:
      p.person.birthDate && p.person.birthPrecision !== 'unknown'
        ? { precision: p.person.birthPrecision, value: p.person.birthDate }
        : null,
    gender: p.person.gender,
    citizenId: p.person.citizenId,
    legacyId: p.person.legacyId,
    idIssueDate: p.person.idIssueDate,
    idIssuePlace: p.person.idIssuePlace,
    address: input.address,
    neighbourhood: input.neighbourhood,
    phone: p.person.phone,
    note: p.person.note,
  };
  const { id, warnings } = createPerson(ctx, fields, 'person.');
  const at = ctx.now.toISOString();
  const transferId = insertTransfer(ctx.store, {
    person_id: id,
    direction: 'in',
    other_unit: p.from.unitName,
    moved_date: p.movedDate,
    decision_number: p.stopDecision.number,
    schema_version: verified.version,
    payload_sha256: verified.sha256,
    key_fingerprint: verified.fingerprint,
    payload_json: canonicalJson(p),
    created_at: at,
    created_by: ctx.user.id,
  });
  ctx.audit({
    action: 'personFile.transferIn',
    entity: 'person',
    entityId: id,
    personId: id,
    detail: {
      transferId,
      fromUnit: p.from.unitName,
      movedDate: p.movedDate,
      sha256: verified.sha256,
      keyFingerprint: verified.fingerprint,
      entitlements: p.entitlements.length,
      decisions: p.decisions.length,
      months: p.money.months.length,
    },
  });
  refreshSummary(ctx.store, currentMonth(ctx.now), [id]);
  pending.delete(input.token);
  return {
    personId: id,
    warnings: [
      ...warnings,
      {
        path: '',
        message: `Đã nhận hồ sơ chuyển đến từ ${p.from.unitName}. Chế độ ở nơi cũ được giữ làm lịch sử; ghi quyết định hưởng của đơn vị để bắt đầu chi trả (từ tháng sau tháng nơi cũ đã chi).`,
      },
    ],
  };
}
