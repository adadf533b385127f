import type { ChangeRow, DecisionView, OneOffView } from '@shared/api/register';

// The register's words, in one place: codes from the API → what the office reads.

// Methods, statuses and programmes are named once for the whole app, in shared/domain/labels.ts.
export {
  METHOD_LABELS,
  METHOD_SHORT,
  PERSON_STATUS_LABELS as STATUS_LABELS,
  PROGRAMME_SHORT,
  TERM_STATUS_LABELS,
} from '@shared/domain/labels';

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
  const frac = String(milli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${whole},${frac || '0'}`;
}

/** 1234 → "1.234" (thousands dots, for counts). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, '.');
}
