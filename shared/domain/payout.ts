import { foldForSearch } from './text';
import { lastDayOfMonth, type IsoDate, type Month } from './dates';

// Pure rules of payout methods, bank accounts and authorizations (payments.md), shared by main (which
// enforces them) and the renderer (which checks as the officer types). No zod here: the renderer imports it.

export interface BankRule {
  code: string;
  name: string;
  lengthMin: number;
  lengthMax: number;
}

/** Why an account number is not acceptable for this bank, or null. Digits only, the bank's length. */
export function accountNumberIssue(number: string, bank: BankRule | undefined): string | null {
  if (number === '') return 'Số tài khoản: không được để trống.';
  if (!/^\d+$/.test(number)) return 'Số tài khoản chỉ gồm chữ số (không có dấu cách, dấu chấm hay chữ cái).';
  if (!bank) return null;
  const { lengthMin: min, lengthMax: max } = bank;
  if (number.length < min || number.length > max) {
    const want = min === max ? `đúng ${min}` : `từ ${min} đến ${max}`;
    return `Số tài khoản ${bankShortName(bank)} phải có ${want} chữ số (đang có ${number.length}).`;
  }
  return null;
}

/** "Agribank" from "Ngân hàng … (Agribank)", else the name. */
export function bankShortName(bank: { name: string }): string {
  return /\(([^)]+)\)\s*$/.exec(bank.name)?.[1] ?? bank.name;
}

/** Spaces, dots and dashes people type or paste between groups of digits. */
export function cleanAccountNumber(raw: string): string {
  return raw.replace(/[\s.\-–]/g, '');
}

/** The holder name on the account matches the person: accent-, case- and whitespace-insensitive. */
export function holderNameMatches(holder: string, personName: string): boolean {
  const a = foldForSearch(holder);
  return a !== '' && a === foldForSearch(personName);
}

export function holderMismatchMessage(holder: string, personName: string, who: 'beneficiary' | 'receiver'): string {
  const role = who === 'beneficiary' ? 'người hưởng' : 'người được ủy quyền';
  return `Tên chủ tài khoản «${holder}» không khớp tên ${role} «${personName}»: tài khoản phải đứng tên ${role}.`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Civil Code default term: one year, i.e. to = from + 1 year − 1 day (29/02 starts end on 28/02). */
export function defaultValidTo(from: IsoDate): IsoDate {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  return addDays(`${y + 1}-${pad2(m)}-01`, d - 2);
}

/** today + n days. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** Days before expiry from which an authorization is flagged "Sắp hết hạn". */
export const EXPIRY_WARNING_DAYS = 30;

export type AuthorizationState = 'revoked' | 'giver_deceased' | 'future' | 'expired' | 'expiring' | 'valid';

export function authorizationState(
  a: { validFrom: IsoDate; validTo: IsoDate; revokedDate: IsoDate | null; giverDeathDate: IsoDate | null },
  today: IsoDate,
): AuthorizationState {
  if (a.revokedDate && a.revokedDate <= today) return 'revoked';
  if (a.giverDeathDate && a.giverDeathDate <= today) return 'giver_deceased';
  if (a.validTo < today) return 'expired';
  if (a.validFrom > today) return 'future';
  if (a.validTo <= addDays(today, EXPIRY_WARNING_DAYS)) return 'expiring';
  return 'valid';
}

/** Two terms [from, to] (inclusive dates) share at least one day. */
export function termsOverlap(a: { from: IsoDate; to: IsoDate }, b: { from: IsoDate; to: IsoDate }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** What the blocking rules read of a payout method row in force (with its account and authorization). */
export interface PayoutBlockFacts {
  method: 'CASH_WARD' | 'POST_OFFICE' | 'OWN_ACCOUNT' | 'AUTHORIZED_ACCOUNT';
  closed_date: IsoDate | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
  revoked_date: IsoDate | null;
  certified_date: IsoDate | null;
  giver_death_date: IsoDate | null;
}

export const UNCERTIFIED_REASON =
  'Giấy ủy quyền chưa được chứng thực: chi tiền mặt tại UBND cho đến khi lãnh đạo UBND chứng thực.';

/**
 * Why payment to the account cannot go ahead in `month`, or null (payments.md). An authorized account is
 * paid only under an authorization in force that month AND certified by the ward (issue 14): certified on
 * or before the month's last day. Anything else pays cash at the ward with this reason, which the payroll
 * lists under attention.
 */
export function payoutBlockReason(row: PayoutBlockFacts, month: Month): string | null {
  // Only a payment to an account can be blocked (checked first: this runs for every line of a payroll).
  if (row.method !== 'OWN_ACCOUNT' && row.method !== 'AUTHORIZED_ACCOUNT') return null;
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  if (row.closed_date && row.closed_date <= last) return 'Tài khoản đã đóng: chi tiền mặt tại UBND.';
  if (row.method !== 'AUTHORIZED_ACCOUNT') return null;
  if (row.giver_death_date && row.giver_death_date <= last)
    return 'Người ủy quyền đã chết: giấy ủy quyền hết hiệu lực, chi tiền mặt tại UBND.';
  if (row.revoked_date && row.revoked_date <= last) return 'Giấy ủy quyền đã bị hủy: chi tiền mặt tại UBND.';
  if (!row.valid_from || !row.valid_to) return 'Không có giấy ủy quyền: chi tiền mặt tại UBND.';
  if (row.valid_to < first) return 'Giấy ủy quyền đã hết hạn: chi tiền mặt tại UBND.';
  if (row.valid_from > last) return 'Giấy ủy quyền chưa có hiệu lực: chi tiền mặt tại UBND.';
  if (!row.certified_date || row.certified_date > last) return UNCERTIFIED_REASON;
  return null;
}

/**
 * The term of a renewal (issue 14): from the day after the old term ends, for one year (or to `validTo`
 * when the officer states it). An authorization that has already ended starts its renewal on the first
 * day of the current month at the earliest: months already paid (in cash) are not re-authorized.
 */
export function renewalTerm(
  oldValidTo: IsoDate,
  today: IsoDate,
  validTo?: IsoDate | null,
): { from: IsoDate; to: IsoDate } {
  const afterOld = addDays(oldValidTo, 1);
  const monthStart = `${today.slice(0, 7)}-01`;
  const from = afterOld < monthStart ? monthStart : afterOld;
  return { from, to: validTo ?? defaultValidTo(from) };
}
