import type { PersonDetail, PersonInput } from '@shared/api/register';
import type { ChipQrData } from '@shared/domain/citizen-id';
import { validateCitizenId } from '@shared/domain/citizen-id';
import { formatBirthDate, formatDateVi, parseBirthDate, parseDateVi } from '@shared/domain/dates';

// A person's identity fields as typed (strings, exactly as the user left them), their local format
// checks, and the conversions to and from the API.

export interface PersonForm {
  fullName: string;
  birthDate: string;
  gender: '' | 'male' | 'female';
  citizenId: string;
  legacyId: string;
  idIssueDate: string;
  idIssuePlace: string;
  address: string;
  neighbourhood: string;
  phone: string;
  note: string;
}

export type PersonField = keyof PersonForm;

export const EMPTY_PERSON: PersonForm = {
  fullName: '',
  birthDate: '',
  gender: '',
  citizenId: '',
  legacyId: '',
  idIssueDate: '',
  idIssuePlace: '',
  address: '',
  neighbourhood: '',
  phone: '',
  note: '',
};

/** Tab order, for focusing the first field with a problem. */
export const PERSON_FIELDS: readonly PersonField[] = [
  'fullName',
  'birthDate',
  'gender',
  'citizenId',
  'legacyId',
  'idIssueDate',
  'idIssuePlace',
  'address',
  'neighbourhood',
  'phone',
  'note',
];

export function isPersonField(name: string): name is PersonField {
  return (PERSON_FIELDS as readonly string[]).includes(name);
}

export function personFromDetail(p: PersonDetail['person']): PersonForm {
  return {
    fullName: p.fullName,
    birthDate: p.birth ? formatBirthDate(p.birth) : '',
    gender: p.gender ?? '',
    citizenId: p.citizenId,
    legacyId: p.legacyId,
    idIssueDate: p.idIssueDate ? formatDateVi(p.idIssueDate) : '',
    idIssuePlace: p.idIssuePlace,
    address: p.address,
    neighbourhood: p.neighbourhood,
    phone: p.phone,
    note: p.note,
  };
}

export function toPersonInput(f: PersonForm): PersonInput {
  return { ...f, gender: f.gender === '' ? null : f.gender };
}

/** Looks like a chip card's QR string rather than a typed ID. */
export function looksLikeQr(text: string): boolean {
  return text.includes('|');
}

export function withChipQr(f: PersonForm, qr: ChipQrData): PersonForm {
  return {
    ...f,
    fullName: qr.fullName,
    birthDate: formatDateVi(qr.birthDate),
    gender: qr.gender,
    citizenId: qr.citizenId,
    legacyId: qr.legacyId ?? f.legacyId,
    address: qr.address,
    idIssueDate: formatDateVi(qr.issueDate),
  };
}

/** Format problems found without asking the server (the same rules the server applies). */
export function localPersonErrors(f: PersonForm): Partial<Record<PersonField, string>> {
  const errors: Partial<Record<PersonField, string>> = {};
  if (f.fullName.trim() === '') errors.fullName = 'Họ và tên: không được để trống.';
  if (f.birthDate.trim() && !parseBirthDate(f.birthDate)) {
    errors.birthDate = 'Ngày sinh: nhập ngày/tháng/năm (05/01/1938) hoặc chỉ năm sinh (1938).';
  }
  if (f.citizenId.trim() && !looksLikeQr(f.citizenId)) {
    const result = validateCitizenId(f.citizenId);
    if (!result.ok) errors.citizenId = result.errors.map((e) => e.message).join(' ');
  }
  if (f.legacyId.trim() && !/^\d{9}$/.test(f.legacyId.replace(/[\s.-]/g, '')))
    errors.legacyId = 'Số CMND cũ phải gồm đúng 9 chữ số.';
  if (f.idIssueDate.trim() && !parseDateVi(f.idIssueDate))
    errors.idIssueDate = 'Ngày cấp: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.';
  if (!/^[0-9 +.]*$/.test(f.phone)) errors.phone = 'Số điện thoại: chỉ gồm chữ số.';
  return errors;
}

/** Server issue paths name person fields as 'person.new.citizenId', 'person.citizenId' or 'citizenId'. */
export function personFieldOf(path: string): PersonField | undefined {
  const name = path.replace(/^person\.(new\.)?/, '');
  return isPersonField(name) ? name : undefined;
}
