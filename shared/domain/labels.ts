import type { LineStatus, PayrollStatus, ReviewState } from '../api/payroll';
import type { PayoutMethodCode, PersonStatus, ProgrammeCode } from '../api/register';
import type { RoundLineStatus } from '../api/round-results';

// The words for the codes of payout methods, statuses and programmes, defined once for the screens, the
// exports and the printed documents (types only from shared/api: no zod in the renderer's bundle).
// tests/unit/labels.test.ts checks every code of the contract, the schema's CHECK lists and the reference
// data has its label here, and that no other file of main/ or renderer/ keeps its own copy.
// Group labels are reference data (shared/reference/allowance-groups.csv, seeded into the database).

/** The method in full: lists' titles, filters, exports, printed forms and reports. */
export const METHOD_LABELS: Record<PayoutMethodCode, string> = {
  CASH_WARD: 'Tiền mặt tại UBND / điểm chi trả',
  POST_OFFICE: 'Qua Bưu điện',
  OWN_ACCOUNT: 'Chuyển khoản vào tài khoản cá nhân',
  AUTHORIZED_ACCOUNT: 'Chuyển khoản vào tài khoản người được ủy quyền',
};

/** The method in a narrow column or a table header. */
export const METHOD_SHORT: Record<PayoutMethodCode, string> = {
  CASH_WARD: 'Tiền mặt',
  POST_OFFICE: 'Bưu điện',
  OWN_ACCOUNT: 'TK cá nhân',
  AUTHORIZED_ACCOUNT: 'TK ủy quyền',
};

/** The order methods are listed in (cash first, as the payer's files are). */
export const METHOD_ORDER: readonly PayoutMethodCode[] = [
  'CASH_WARD',
  'POST_OFFICE',
  'OWN_ACCOUNT',
  'AUTHORIZED_ACCOUNT',
];

/** Programme names as the reference data (migration 002) and the documents write them. */
export const PROGRAMME_LABELS: Record<ProgrammeCode, string> = {
  BTXH: 'Trợ cấp xã hội hằng tháng',
  BTXH_CARE: 'Hỗ trợ kinh phí chăm sóc, nuôi dưỡng',
  NCC: 'Trợ cấp ưu đãi người có công',
  HTXH: 'Trợ cấp hưu trí xã hội',
};

/** Programme in a narrow column: the abbreviations the office uses (BTXH, NCC). */
export const PROGRAMME_SHORT: Record<ProgrammeCode, string> = {
  BTXH: 'BTXH',
  BTXH_CARE: 'Chăm sóc',
  NCC: 'NCC',
  HTXH: 'Hưu trí XH',
};

/** A person's standing in the register (register_summary.status). */
export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = {
  active: 'Đang hưởng',
  suspended: 'Tạm dừng',
  stopped: 'Thôi hưởng',
  deceased: 'Đã mất',
  none: 'Chưa hưởng',
};

/** An entitlement term's status (entitlement_terms.status). */
export const TERM_STATUS_LABELS: Record<'active' | 'suspended' | 'stopped', string> = {
  active: PERSON_STATUS_LABELS.active,
  suspended: PERSON_STATUS_LABELS.suspended,
  stopped: PERSON_STATUS_LABELS.stopped,
};

export const PAYROLL_STATUS_LABELS: Record<PayrollStatus, string> = { draft: 'Nháp', approved: 'Đã duyệt' };

/** Where a payroll is in its review (issue 14). */
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  draft: 'Nháp',
  submitted: 'Đã trình, chờ phê duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};

/** A one-off round line's payment status: its latest attempt's (round_payment_attempts.status), or pending. */
export const ROUND_LINE_STATUS_LABELS: Record<RoundLineStatus, string> = {
  pending: 'Chưa có kết quả',
  paid: 'Đã chi trả',
  failed: 'Không thành công',
  not_collected: 'Không đến nhận',
};

/** A payroll line's payment status (payroll_lines.status; an attempt's status is one of these too). */
export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  pending: 'Chưa có kết quả',
  sent: 'Đã gửi, chờ kết quả',
  paid: 'Đã chi trả',
  failed: 'Không thành công',
  not_collected: 'Chưa nhận',
  carried_over: 'Chuyển sang tháng sau',
  converted_to_cash: 'Chuyển chi tiền mặt tháng sau',
};

/**
 * What the register import records as the number of a grant decision the old register did not have
 * (the entitlement came "from the old register book"). It is a placeholder, not a number: documents
 * print a blank to be filled by hand instead (printedDecisionNumber).
 */
export const LEGACY_DECISION_NUMBER = 'Sổ theo dõi cũ';

/** A decision's number as printed: '' for an unknown number (empty, or the import's placeholder). */
export const printedDecisionNumber = (n: string | null | undefined): string => {
  const t = (n ?? '').trim();
  return t === '' || t === LEGACY_DECISION_NUMBER ? '' : t;
};
