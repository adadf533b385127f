import type { OfficeSettings, OfficeSettingsInput } from '@shared/api/settings';

// The office settings form's state: what the user typed, exactly (never cleared by an error), plus a
// stable key per recipient row. The server validates and normalises; the client only shows its issues.

export type OfficeTextField = Exclude<keyof OfficeSettings, 'reportRecipients'>;

export interface OfficeFieldSpec {
  name: OfficeTextField;
  label: string;
  required: boolean;
  hint: string;
}

/** In the order they are shown (and tabbed through); `required` mirrors shared/api/settings.ts. */
export const OFFICE_FIELDS: readonly OfficeFieldSpec[] = [
  { name: 'unitName', label: 'Tên đơn vị', required: true, hint: 'Ví dụ: UBND phường Đức Nghĩa' },
  {
    name: 'parentBody',
    label: 'Cơ quan cấp trên',
    required: false,
    hint: 'Ví dụ: UBND tỉnh Lâm Đồng. Văn bản của UBND xã/phường không in dòng này (Nghị định 30)',
  },
  {
    name: 'placeName',
    label: 'Địa danh',
    required: true,
    hint: 'Dùng ở dòng «…, ngày … tháng … năm …» khi đơn vị không phải UBND xã/phường; văn bản của UBND xã/phường ghi tên xã/phường (ví dụ «Đức Nghĩa, ngày …»)',
  },
  { name: 'province', label: 'Tỉnh/thành phố', required: true, hint: 'Ví dụ: Lâm Đồng' },
  { name: 'chairmanName', label: 'Họ tên Chủ tịch', required: false, hint: 'Người ký duyệt văn bản của đơn vị' },
  {
    name: 'deputyChairmanName',
    label: 'Họ tên Phó Chủ tịch',
    required: false,
    hint: 'Người ký thay Chủ tịch (KT. Chủ tịch) khi quyết định chọn Phó Chủ tịch ký',
  },
  {
    name: 'officerName',
    label: 'Họ tên cán bộ phụ trách',
    required: false,
    hint: 'Người lập danh sách và báo cáo',
  },
  {
    name: 'wardCode',
    label: 'Mã đơn vị hành chính',
    required: false,
    hint: '5 chữ số (ví dụ 22978); ghi vào dữ liệu báo cáo gửi đơn vị tổng hợp',
  },
];

export const MAX_RECIPIENTS = 20;
export const RECIPIENTS_PATH = 'reportRecipients';

export interface RecipientRow {
  key: number;
  name: string;
  scope: string;
}

export type RecipientColumn = 'name' | 'scope';

export type OfficeForm = Record<OfficeTextField, string> & { reportRecipients: RecipientRow[] };

let nextRowKey = 1;

export function newRecipientRow(name = '', scope = ''): RecipientRow {
  return { key: nextRowKey++, name, scope };
}

export function toForm(settings: OfficeSettings): OfficeForm {
  return {
    unitName: settings.unitName,
    parentBody: settings.parentBody,
    placeName: settings.placeName,
    province: settings.province,
    chairmanName: settings.chairmanName,
    deputyChairmanName: settings.deputyChairmanName ?? '',
    officerName: settings.officerName,
    wardCode: settings.wardCode ?? '',
    reportRecipients: settings.reportRecipients.map((r) => newRecipientRow(r.name, r.scope)),
  };
}

/** The saved (normalised) values, keeping row keys so focus and React state stay with their rows. */
export function withSaved(form: OfficeForm, saved: OfficeSettings): OfficeForm {
  const next = toForm(saved);
  next.reportRecipients = next.reportRecipients.map((row, i) => ({
    ...row,
    key: form.reportRecipients[i]?.key ?? row.key,
  }));
  return next;
}

export function toInput(form: OfficeForm): OfficeSettingsInput {
  return {
    unitName: form.unitName,
    parentBody: form.parentBody,
    placeName: form.placeName,
    province: form.province,
    chairmanName: form.chairmanName,
    deputyChairmanName: form.deputyChairmanName,
    officerName: form.officerName,
    wardCode: form.wardCode,
    reportRecipients: form.reportRecipients.map(({ name, scope }) => ({ name, scope })),
  };
}

/** Issue path ('unitName', 'reportRecipients.0.name', …) → message shown next to that field. */
export type FieldErrors = Partial<Readonly<Record<string, string>>>;

const RECIPIENT_CELL = /^reportRecipients\.\d+\.(name|scope)$/;

/** The field a save's issue belongs to (its path), or undefined for one no field shows. */
export function officeFieldOf(path: string): string | undefined {
  return OFFICE_FIELDS.some((f) => f.name === path) ||
    path === 'validFrom' ||
    path === RECIPIENTS_PATH ||
    RECIPIENT_CELL.test(path)
    ? path
    : undefined;
}

export function recipientPath(index: number, column: RecipientColumn): string {
  return `${RECIPIENTS_PATH}.${index}.${column}`;
}

/** The DOM id of a field's input, from its issue path. */
export function fieldId(path: string): string {
  return `office-${path.replace(/\./g, '-')}`;
}
