// Health-insurance (BHYT) card numbers, as printed on the card (issue 16).
// - The 15-character code (QĐ 1351/QĐ-BHXH, 2015): 2 letters of the insured group (BT: bảo trợ xã hội,
//   CC/CK: người có công, …), 1 digit of the benefit level (1–5), 2 digits of the province that issued
//   the card (01–99), then the person's 10-digit social-insurance number (mã số BHXH).
// - Cards issued since 2021 (QĐ 1666/QĐ-BHXH) print only the 10-digit social-insurance number.
// Both are accepted; the 10-digit number is what identifies the person to the social-insurance office,
// so it is always derived and kept beside what was typed.

export interface CardNumberResult {
  ok: boolean;
  /** Upper case, spaces, dots and dashes removed; what is stored when ok. */
  normalized: string;
  /** The 10-digit social-insurance number (the last 10 digits of a 15-character code). */
  bhxhNumber?: string;
  /** Present for a 15-character code. */
  decoded?: { groupCode: string; benefitLevel: number; provinceCode: string };
  /** Vietnamese, shown to the officer as is. */
  error?: string;
}

const FULL = /^([A-Z]{2})([1-5])(\d{2})(\d{10})$/;

export function checkCardNumber(raw: string): CardNumberResult {
  const normalized = raw
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s.-]/g, '');
  if (normalized === '') return { ok: false, normalized, error: 'Số thẻ BHYT: không được để trống.' };
  if (/^\d+$/.test(normalized)) {
    if (normalized.length === 10) return { ok: true, normalized, bhxhNumber: normalized };
    return {
      ok: false,
      normalized,
      error: `Số thẻ BHYT: mã số BHXH phải có đúng 10 chữ số (đang có ${normalized.length}).`,
    };
  }
  if (normalized.length !== 15) {
    return {
      ok: false,
      normalized,
      error: `Số thẻ BHYT: phải có 15 ký tự (ví dụ BT2797920001234) hoặc là mã số BHXH 10 chữ số; đang có ${normalized.length} ký tự.`,
    };
  }
  const m = FULL.exec(normalized);
  if (!m) {
    if (!/^[A-Z]{2}/.test(normalized))
      return { ok: false, normalized, error: 'Số thẻ BHYT: 2 ký tự đầu phải là chữ cái (mã đối tượng, ví dụ BT, CC).' };
    if (!/^[A-Z]{2}[1-5]/.test(normalized))
      return { ok: false, normalized, error: 'Số thẻ BHYT: ký tự thứ 3 là mức hưởng, phải là một chữ số từ 1 đến 5.' };
    if (!/^[A-Z]{2}[1-5]\d{2}/.test(normalized))
      return { ok: false, normalized, error: 'Số thẻ BHYT: ký tự thứ 4–5 là mã tỉnh, phải là 2 chữ số.' };
    return { ok: false, normalized, error: 'Số thẻ BHYT: 10 ký tự cuối là mã số BHXH, phải là chữ số.' };
  }
  if (m[3] === '00') return { ok: false, normalized, error: 'Số thẻ BHYT: mã tỉnh (ký tự thứ 4–5) không thể là 00.' };
  return {
    ok: true,
    normalized,
    bhxhNumber: m[4]!,
    decoded: { groupCode: m[1]!, benefitLevel: Number(m[2]), provinceCode: m[3]! },
  };
}

/** Programmes whose monthly beneficiaries have their card paid by the state budget (Luật BHYT Art. 12; Luật BHXH 2024 for the social pension). */
export const STATE_FUNDED_PROGRAMMES = ['BTXH', 'NCC', 'HTXH'] as const;

/** Days before a card's last valid day from which it is shown as expiring on the to-do screen. */
export const CARD_EXPIRY_NOTICE_DAYS = 30;
