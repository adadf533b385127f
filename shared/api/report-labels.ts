// Report names and labels without zod, for the renderer's bundle (shared/api/reports.ts re-exports them).

export const REPORT_KINDS = ['noncash', 'changes', 'form10a', 'form10c', 'form10d'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_TITLES: Record<ReportKind, string> = {
  noncash: 'Báo cáo tiến độ chi trả không dùng tiền mặt',
  changes: 'Danh sách tăng, giảm đối tượng',
  form10a: 'Tổng hợp trợ giúp xã hội thường xuyên (mẫu 10a)',
  form10c: 'Tổng hợp chính sách đối với người cao tuổi (mẫu 10c)',
  form10d: 'Tổng hợp chính sách đối với người khuyết tật (mẫu 10d)',
};

/** Reports that name people with their citizen IDs (the user confirms before they leave the office). */
export const PERSONAL_DATA_REPORTS: readonly ReportKind[] = ['changes'];

export type ChangeKind =
  'new' | 'resumed' | 'stopped_death' | 'stopped_moved' | 'stopped_other' | 'suspended' | 'level';

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  new: 'Tăng mới',
  resumed: 'Hưởng lại',
  stopped_death: 'Giảm do chết',
  stopped_moved: 'Giảm do chuyển đi',
  stopped_other: 'Giảm do thôi hưởng (không còn đủ điều kiện, khác)',
  suspended: 'Tạm dừng hưởng',
  level: 'Điều chỉnh mức hưởng',
};
