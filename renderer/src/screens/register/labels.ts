import type { ChangeRow, DecisionView, OneOffView, PayoutMethodCode, PersonStatus, ProgrammeCode } from '../../../../shared/api/register';

// The register's words, in one place: codes from the API → what the office reads.

/** Short names for the list's narrow column; the full name comes from reference.get. */
export const PROGRAMME_SHORT: Record<ProgrammeCode, string> = {
  BTXH: 'TCXH',
  BTXH_CARE: 'Chăm sóc',
  NCC: 'NCC',
  HTXH: 'Hưu trí XH',
};

export const METHOD_LABELS: Record<PayoutMethodCode, string> = {
  CASH_WARD: 'Tiền mặt tại phường',
  POST_OFFICE: 'Qua bưu điện',
  OWN_ACCOUNT: 'Tài khoản cá nhân',
  AUTHORIZED_ACCOUNT: 'Tài khoản người được ủy quyền',
};

export const METHOD_SHORT: Record<PayoutMethodCode, string> = {
  CASH_WARD: 'Tiền mặt',
  POST_OFFICE: 'Bưu điện',
  OWN_ACCOUNT: 'TK cá nhân',
  AUTHORIZED_ACCOUNT: 'TK ủy quyền',
};

export const STATUS_LABELS: Record<PersonStatus, string> = {
  active: 'Đang hưởng',
  suspended: 'Tạm dừng',
  stopped: 'Thôi hưởng',
  deceased: 'Đã mất',
  none: 'Chưa hưởng',
};

export const TERM_STATUS_LABELS: Record<'active' | 'suspended' | 'stopped', string> = {
  active: 'Đang hưởng',
  suspended: 'Tạm dừng',
  stopped: 'Thôi hưởng',
};

export const DECISION_KIND_LABELS: Record<DecisionView['kind'], string> = {
  grant: 'Hưởng mới',
  adjust: 'Điều chỉnh',
  suspend: 'Tạm dừng',
  resume: 'Hưởng lại',
  stop: 'Thôi hưởng',
};

export const ONE_OFF_LABELS: Record<OneOffView['kind'], string> = {
  arrears: 'Truy lĩnh',
  funeral: 'Mai táng phí',
  other: 'Khoản khác',
};

export const CHANGE_KIND_LABELS: Record<ChangeRow['kind'], string> = {
  group_change: 'Chuyển nhóm theo tuổi',
  age_limit: 'Hết độ tuổi hưởng',
  starts: 'Bắt đầu hưởng',
  ends: 'Thôi hưởng',
  resumes: 'Hưởng lại',
  suspends: 'Tạm dừng',
  level_change: 'Thay đổi mức hưởng',
};

export const COMPONENT_KIND_LABELS: Record<'main' | 'extra' | 'caregiver' | 'other', string> = {
  main: 'Trợ cấp chính',
  extra: 'Phụ cấp',
  caregiver: 'Người phục vụ',
  other: 'Khoản khác',
};

export const GENDER_LABELS = { male: 'Nam', female: 'Nữ' } as const;

/** Coefficient in thousandths → "1,5" (Vietnamese decimal comma, at least one decimal). */
export function formatCoefficient(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${whole},${frac || '0'}`;
}

/** 1234 → "1.234" (thousands dots, for counts). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, '.');
}
