import { z } from 'zod';
import './zod-vi';
import { command, job, OFFICER, query } from './channel';
import { checkExportProtection, dateField, exportProtectionFields, idField, requiredText, text } from './fields';
import type { PrintedPdf } from './forms';
import type { WriteResult } from './register';
import { LEDGER_READERS } from './ledger-files';
import { MAX_TRANSFER_FILE_BYTES, TRANSFER_FORMAT, type TransferPayloadV1 } from '../domain/transfer-file';

// A person's file (hồ sơ đối tượng) and its transfer to another ward (issue 16):
//   personFile.pdf              the whole file as one PDF (details, entitlements and decisions, payout
//                               methods, authorizations, money history; the previous ward's history when
//                               the person came by transfer);
//   personFile.recordTransfer   records the move to another ward: the move-out (register.moveAway's stop
//                               decisions) and the transfer row; writes no file;
//   personFile.transferFiles    a job: the person file PDF and the transfer file (shared/domain/transfer-file.ts)
//                               side by side, encrypted by default, downloaded or written to a folder;
//   personFile.importPreview    the receiving ward: decrypts and verifies a transfer file, shows what would
//                               be created; writes nothing; answers a token;
//   personFile.importCommit     creates the person with the previous ward's history (read-only), no
//                               entitlement: paying starts from the receiving ward's own decision.

/** Base64 of the largest accepted file, plus padding. */
const MAX_BASE64_CHARS = Math.ceil(MAX_TRANSFER_FILE_BYTES / 3) * 4 + 4;

export const personFilePdfSchema = z.object({ personId: idField }).strict();

export const recordTransferSchema = z
  .object({
    personId: idField,
    movedDate: dateField('Ngày chuyển đi'),
    toUnit: requiredText('Nơi chuyển đến (xã, phường)', 200),
    decision: z.object({
      number: requiredText('Số quyết định', 60),
      signedDate: dateField('Ngày ký'),
      signer: text('Người ký', 120),
      reason: text('Lý do', 300),
    }),
  })
  .strict();
export type RecordTransferInput = z.input<typeof recordTransferSchema>;

export const transferFilesSchema = z
  .object({
    personId: idField,
    passphrase: exportProtectionFields.passphrase,
    clear: exportProtectionFields.clear,
    /** A folder (a USB stick) to write into; left out, both files are downloaded. */
    folder: requiredText('Thư mục lưu', 1000).optional(),
  })
  .strict()
  .superRefine(checkExportProtection);
export type TransferFilesInput = z.input<typeof transferFilesSchema>;

export type TransferFilesResult =
  | {
      destination: 'folder';
      folder: string;
      files: Array<{ fileName: string; path: string; bytes: number }>;
      encrypted: boolean;
      sha256: string;
      keyFingerprint: string;
    }
  | {
      destination: 'download';
      files: Array<{ fileName: string; contentBase64: string; mimeType: string }>;
      encrypted: boolean;
      sha256: string;
      keyFingerprint: string;
    };

export const importPreviewSchema = z
  .object({
    fileName: z.string().trim().min(1, { error: 'Chưa chọn tệp.' }).max(255, { error: 'Tên tệp quá dài.' }),
    contentBase64: z
      .string({ error: 'Chưa có nội dung tệp.' })
      .max(MAX_BASE64_CHARS, {
        error: `Tệp quá lớn: tệp chuyển hồ sơ chỉ đến ${MAX_TRANSFER_FILE_BYTES / 1024 / 1024} MB.`,
      })
      .regex(/^[A-Za-z0-9+/=\r\n]*$/, { error: 'Nội dung tệp gửi lên không hợp lệ.' }),
    /** The passphrase the sending ward gave (by another channel); '' for a file written in clear. */
    passphrase: z.string().max(200, { error: 'Cụm mật khẩu: tối đa 200 ký tự.' }).default(''),
  })
  .strict();
export type ImportPreviewInput = z.input<typeof importPreviewSchema>;

export interface TransferPreview {
  token: string;
  encrypted: boolean;
  schemaVersion: number;
  sha256: string;
  /** Grouped hex: compare with the one printed on the stamped person file. */
  keyFingerprint: string;
  payload: TransferPayloadV1;
  counts: { entitlements: number; decisions: number; payoutMethods: number; authorizations: number; months: number };
  /** Things to check before committing (e.g. the file names another ward than this one). */
  warnings: string[];
}

export const importCommitSchema = z
  .object({
    token: z.string().min(8).max(64),
    /** The person's address in this ward, and the neighbourhood (khu phố) it belongs to. */
    address: text('Địa chỉ', 200),
    neighbourhood: text('Khu phố/Tổ dân phố', 80),
  })
  .strict();
export type ImportCommitInput = z.input<typeof importCommitSchema>;

/** A transfer on the person's page: where they went, or where they came from with that ward's history. */
export interface TransferView {
  id: number;
  direction: 'out' | 'in';
  otherUnit: string;
  movedDate: string;
  decisionNumber: string;
  createdAt: string;
  /** 'in' only: the checksum and key fingerprint the file was verified with, and its history (read-only). */
  sha256: string | null;
  keyFingerprint: string | null;
  history: TransferPayloadV1 | null;
}

export const personFileChannels = {
  /** The person's transfers (out and in), newest last. */
  'personFile.transfers': query<TransferView[]>()(personFilePdfSchema, 'signed-in'),
  /** The person's whole file as a PDF (Decree 30 layout), opened in the viewer or downloaded. */
  'personFile.pdf': query<Promise<PrintedPdf>>()(personFilePdfSchema, LEDGER_READERS),
  'personFile.recordTransfer': command<WriteResult & { transferId: number }>()(recordTransferSchema, OFFICER),
  /** Starts a job: jobs.get → TransferFilesResult. */
  'personFile.transferFiles': job<TransferFilesResult>()(transferFilesSchema, OFFICER),
  'personFile.importPreview': query<Promise<TransferPreview>>()(importPreviewSchema, OFFICER),
  'personFile.importCommit': command<WriteResult>()(importCommitSchema, OFFICER),
} as const;

// ---- the transfer file's payload, checked field by field at import (bounded lengths and counts) ----------

const s = (max: number) => z.string().max(max);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const vnd = z.number().int().min(-100_000_000_000).max(100_000_000_000);

export const transferPayloadV1Schema = z
  .object({
    createdAt: s(40),
    appVersion: s(60),
    from: z.object({ unitName: s(200), province: s(120), officerName: s(120) }).strict(),
    to: z.object({ unitName: s(200) }).strict(),
    movedDate: isoDay,
    stopDecision: z.object({ number: s(60), signedDate: isoDay.nullable(), signer: s(120) }).strict(),
    person: z
      .object({
        fullName: s(120).min(1),
        birthDate: z
          .string()
          .regex(/^\d{4}(-\d{2}-\d{2})?$/)
          .nullable(),
        birthPrecision: z.enum(['day', 'year', 'unknown']),
        gender: z.enum(['male', 'female']).nullable(),
        citizenId: z.string().regex(/^(\d{12})?$/),
        legacyId: z.string().regex(/^(\d{9})?$/),
        idIssueDate: isoDay.nullable(),
        idIssuePlace: s(120),
        address: s(200),
        neighbourhood: s(80),
        phone: s(30),
        healthInsuranceNo: s(30),
        note: s(500),
      })
      .strict(),
    entitlements: z
      .array(
        z
          .object({
            programme: s(20),
            programmeLabel: s(200),
            startMonth: month,
            endMonth: month.nullable(),
            caredPersonName: s(120).nullable(),
            terms: z
              .array(
                z
                  .object({
                    effectiveFrom: month,
                    status: z.enum(['active', 'suspended', 'stopped']),
                    groupCode: s(40).nullable(),
                    groupLabel: s(300),
                    categoryLabel: s(300),
                    components: z.array(z.object({ kind: s(40), label: s(200), amountVnd: vnd }).strict()).max(20),
                    decisionNumber: s(60),
                  })
                  .strict(),
              )
              .max(200),
          })
          .strict(),
      )
      .max(50),
    decisions: z
      .array(
        z
          .object({
            programme: s(20),
            kind: z.enum(['grant', 'adjust', 'suspend', 'resume', 'stop']),
            number: s(60),
            signedDate: isoDay.nullable(),
            signer: s(120),
            effectiveMonth: month,
            reason: s(300),
          })
          .strict(),
      )
      .max(500),
    oneOffItems: z
      .array(z.object({ kind: s(20), amountVnd: vnd, dueMonth: month, payeeName: s(120), note: s(300) }).strict())
      .max(500),
    payoutMethods: z
      .array(
        z
          .object({ effectiveFrom: month, programme: s(20).nullable(), method: s(120), detail: s(300), note: s(300) })
          .strict(),
      )
      .max(500),
    authorizations: z
      .array(
        z
          .object({
            receiverName: s(120),
            relationship: s(120),
            validFrom: isoDay,
            validTo: isoDay,
            certifiedDate: isoDay.nullable(),
            revokedDate: isoDay.nullable(),
            stateLabel: s(200),
          })
          .strict(),
      )
      .max(200),
    money: z
      .object({
        paidThrough: month.nullable(),
        owedVnd: vnd,
        paidVnd: vnd,
        openOverpaidVnd: vnd,
        months: z
          .array(z.object({ serviceMonth: month, label: s(300), owedVnd: vnd, paidVnd: vnd }).strict())
          .max(5000),
      })
      .strict(),
  })
  .strict();

/** The envelope's shape before its payload is read (the version decides how the payload is checked). */
export const transferEnvelopeSchema = z
  .object({
    format: z.literal(TRANSFER_FORMAT),
    version: z.number().int().min(1),
    payload: z.unknown(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    signature: z
      .object({ algorithm: z.literal('Ed25519'), publicKey: z.string().max(200), value: z.string().max(200) })
      .strict(),
  })
  .strict();
