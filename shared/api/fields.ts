import { z } from 'zod';
import './zod-vi';
import { isMonth, parseBirthDate, parseDateVi, isIsoDate } from '../domain/dates';
import { unsafeTextKind, unsafeTextMessage } from '../domain/safe-text';
import { exportProtectionProblem } from '../domain/passphrase';

// Reusable field schemas with Vietnamese messages naming the field, for every form of the app.

export interface TextOptions {
  /** The field's own format starts with + (a phone number) or it is never stored (a folder path). */
  allowFormulaStart?: boolean;
}

/**
 * Free text as stored: NFC, whitespace runs collapsed, trimmed; refused (with a message naming the field)
 * when it holds control, bidi or invisible characters, or starts with a formula character
 * (shared/domain/safe-text.ts).
 */
export const text = (label: string, max = 200, options: TextOptions = {}) =>
  z
    .string({ error: `${label}: cần nhập chữ.` })
    .transform((raw, ctx) => {
      const normalized = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
      const unsafe = unsafeTextKind(raw, normalized, options);
      if (unsafe) {
        ctx.addIssue({ code: 'custom', message: unsafeTextMessage(label, unsafe) });
        return z.NEVER;
      }
      return normalized;
    })
    .pipe(z.string().max(max, { error: `${label}: tối đa ${max} ký tự.` }));

export const requiredText = (label: string, max = 200, options: TextOptions = {}) =>
  text(label, max, options).pipe(z.string().min(1, { error: `${label}: không được để trống.` }));

/** dd/mm/yyyy (as typed) or yyyy-mm-dd → 'YYYY-MM-DD'. */
export const dateField = (label: string) =>
  z.string({ error: `${label}: cần nhập ngày.` }).transform((s, ctx) => {
    const iso = isIsoDate(s.trim()) ? s.trim() : parseDateVi(s);
    if (iso === null) {
      ctx.addIssue({ code: 'custom', message: `${label}: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.` });
      return z.NEVER;
    }
    return iso;
  });

export const optionalDate = (label: string) =>
  z.union([z.literal(''), z.null(), z.undefined(), dateField(label)]).transform((v) => (v ? v : null));

/** 'YYYY-MM' or 'MM/YYYY' → 'YYYY-MM'. */
export const monthField = (label: string) =>
  z.string({ error: `${label}: cần nhập tháng.` }).transform((s, ctx) => {
    const t = s.trim();
    const m = /^(\d{1,2})\/(\d{4})$/.exec(t);
    const month = m ? `${m[2]}-${m[1]!.padStart(2, '0')}` : t;
    if (!isMonth(month)) {
      ctx.addIssue({ code: 'custom', message: `${label}: nhập theo dạng tháng/năm, ví dụ 01/2026.` });
      return z.NEVER;
    }
    return month;
  });

/** Full date, or a bare year for old records; empty when unknown. */
export const birthDateField = z.string({ error: 'Ngày sinh: cần nhập.' }).transform((s, ctx) => {
  if (s.trim() === '') return null;
  const b = parseBirthDate(s);
  if (!b) {
    ctx.addIssue({ code: 'custom', message: 'Ngày sinh: nhập ngày/tháng/năm (05/01/1938) hoặc chỉ năm sinh (1938).' });
    return z.NEVER;
  }
  return b;
});

export const moneyField = (label: string) =>
  z
    .number({ error: `${label}: cần nhập số tiền.` })
    .int({ error: `${label}: số tiền phải là số nguyên (đồng).` })
    .min(0, { error: `${label}: không được âm.` })
    .max(1_000_000_000, { error: `${label}: vượt quá 1 tỷ đồng/tháng — kiểm tra lại.` });

export const idField = z.number().int().positive();

/**
 * How an export holding personal data leaves the PC (issue 12): encrypted by default (the .sasbak format
 * of backups) under a passphrase of at least 8 characters; in clear only by an explicit choice (`clear`),
 * which main audits and the screen warns about. Protected groups are blank unless `includeProtectedGroups`
 * (audited, and only for the roles that may filter by them).
 */
export const exportProtectionFields = {
  passphrase: z.string().max(200, { error: 'Cụm mật khẩu: tối đa 200 ký tự.' }).default(''),
  clear: z.boolean().default(false),
  includeProtectedGroups: z.boolean().default(false),
};

export function checkExportProtection(value: { passphrase: string; clear: boolean }, ctx: z.RefinementCtx): void {
  const message = exportProtectionProblem(value);
  if (message) ctx.addIssue({ code: 'custom', path: ['passphrase'], message });
}
