// Citizen ID (số định danh cá nhân, 12 digits): structure checks and the chip card's QR string.
// Structure (project domain notes, citizen-id.md): province of birth registration (3 digits),
// century + gender (1), year of birth (2), serial (6). No check digit is known, so only structure
// and consistency with the record can be checked.

// shared/tsconfig.json does not include scripts/, where the *.csv text-module type lives.
import provinceCsv from '../reference/province-codes.csv';
import { parseCsvRecords } from './csv';
import { normalizeText } from './text';
import { isIsoDate, type IsoDate } from './dates';

export type Gender = 'male' | 'female';

export interface Issue {
  code: string;
  /** Vietnamese, shown to the officer as is. */
  message: string;
}

export interface CitizenIdResult {
  ok: boolean;
  /** Digits only (spaces, dots and dashes removed); what should be stored when ok. */
  normalized: string;
  errors: Issue[];
  /** Likely typos in the ID or in the record: shown, never fixed silently. */
  warnings: Issue[];
  /** Present when ok. */
  decoded?: { provinceCode: string; provinceName: string; gender: Gender; birthYear: number };
}

export interface CitizenIdContext {
  birthYear?: number;
  gender?: Gender;
  deceased?: boolean;
}

const PROVINCES: ReadonlyMap<string, string> = new Map(
  parseCsvRecords(provinceCsv).map((r) => [r.code ?? '', r.province ?? '']),
);

/** Province of birth registration for a 3-digit code ("079" → "TP Hồ Chí Minh"). */
export function provinceName(code: string): string | undefined {
  return PROVINCES.get(code);
}

/** Separators people type or paste from documents ("001 238 012 345", "001.238.012.345"). */
function stripSeparators(raw: string): string {
  return raw.replace(/[\s.\-–]/g, '');
}

const GENDER_VI: Record<Gender, string> = { male: 'nam', female: 'nữ' };

export function validateCitizenId(raw: string, context: CitizenIdContext = {}): CitizenIdResult {
  const normalized = stripSeparators(raw);
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const fail = (code: string, message: string): CitizenIdResult => {
    errors.push({ code, message });
    return { ok: false, normalized, errors, warnings };
  };

  if (normalized === '') return fail('empty', 'Chưa nhập số định danh cá nhân.');
  if (!/^\d+$/.test(normalized)) {
    return fail('not-digits', 'Số định danh cá nhân chỉ gồm chữ số (12 số).');
  }
  if (normalized.length === 9) {
    return fail(
      'legacy-cmnd',
      'Đây là số CMND cũ (9 số), đã hết giá trị từ 01/01/2025; ghi vào ô CMND cũ và bổ sung số định danh 12 số.',
    );
  }
  if (normalized.length === 11) {
    return fail(
      'missing-leading-zero',
      'Số định danh có 11 chữ số — có thể đã mất số 0 ở đầu (thường do Excel coi là số); kiểm tra lại và nhập đủ 12 số.',
    );
  }
  if (normalized.length !== 12) {
    return fail('length', `Số định danh cá nhân phải có đúng 12 chữ số (đang có ${normalized.length}).`);
  }

  const provinceCode = normalized.slice(0, 3);
  const province = provinceName(provinceCode);
  if (province === undefined) {
    errors.push({
      code: 'unknown-province',
      message: `Mã tỉnh ${provinceCode} (3 số đầu) không có trong danh mục mã tỉnh nơi đăng ký khai sinh.`,
    });
  }
  // 0–3 cover births 1900–2099, the only values possible for anyone alive. For a deceased person the
  // structural check is relaxed to 0–5 so that closing an old record is never blocked by it.
  const centuryDigit = Number(normalized[3]);
  const maxCentury = context.deceased ? 5 : 3;
  if (centuryDigit > maxCentury) {
    errors.push({
      code: 'century-digit',
      message: `Chữ số thứ 4 (giới tính và thế kỷ sinh) là ${centuryDigit}, chỉ được từ 0 đến ${maxCentury}.`,
    });
  }
  if (errors.length > 0 || province === undefined) return { ok: false, normalized, errors, warnings };

  const gender: Gender = centuryDigit % 2 === 0 ? 'male' : 'female';
  const birthYear = 1900 + Math.floor(centuryDigit / 2) * 100 + Number(normalized.slice(4, 6));
  if (context.birthYear !== undefined && context.birthYear !== birthYear) {
    warnings.push({
      code: 'birth-year-mismatch',
      message: `Số định danh cho năm sinh ${birthYear} nhưng hồ sơ ghi ${context.birthYear} — kiểm tra lại.`,
    });
  }
  if (context.gender !== undefined && context.gender !== gender) {
    warnings.push({
      code: 'gender-mismatch',
      message: `Số định danh cho giới tính ${GENDER_VI[gender]} nhưng hồ sơ ghi ${GENDER_VI[context.gender]} — kiểm tra lại.`,
    });
  }
  return {
    ok: true,
    normalized,
    errors,
    warnings,
    decoded: { provinceCode, provinceName: province, gender, birthYear },
  };
}

/** The old 9-digit ID card number (CMND), no longer valid since 01/01/2025. */
export function isLegacyId(raw: string): boolean {
  return /^\d{9}$/.test(stripSeparators(raw));
}

export interface ChipQrData {
  citizenId: string;
  legacyId?: string;
  fullName: string;
  birthDate: IsoDate;
  gender: Gender;
  address: string;
  issueDate: IsoDate;
}

/** ddMMyyyy → 'YYYY-MM-DD', or null. */
function qrDate(s: string): IsoDate | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * The chip card's QR content "CCCD|old CMND|full name|DOB ddMMyyyy|gender|address|issue date ddMMyyyy"
 * as a USB scanner types it into a field; null when the text is not such a string (so the field can
 * fall back to treating it as a typed ID). Extra trailing fields from newer cards are ignored.
 */
export function parseChipQr(text: string): ChipQrData | null {
  const fields = text
    .trim()
    .split('|')
    .map((f) => f.trim());
  if (fields.length < 7) return null;
  const [citizenId, legacy, name, dob, genderText, address, issued] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^\d{12}$/.test(citizenId)) return null;
  const birthDate = qrDate(dob);
  const issueDate = qrDate(issued);
  const g = genderText.normalize('NFC').toLowerCase();
  const gender: Gender | null = g === 'nam' ? 'male' : g === 'nữ' ? 'female' : null;
  if (birthDate === null || issueDate === null || gender === null) return null;
  const result: ChipQrData = {
    citizenId,
    fullName: normalizeText(name),
    birthDate,
    gender,
    address: normalizeText(address),
    issueDate,
  };
  if (legacy !== '') result.legacyId = legacy;
  return result;
}
