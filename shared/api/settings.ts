import { z } from 'zod';
import './zod-vi';
import { optionalDate, requiredText, text } from './fields';

// The office's own names. Since the 2025 reorganisation these change (districts are gone, departments
// moved), so every name printed on a document is a setting, never a constant.

// The same text rule as every stored field (shared/api/fields.ts): these names are printed on documents.
const line = (label: string, max = 200) => text(label, max);
const required = (label: string, max = 200) => requiredText(label, max);

export const reportRecipientSchema = z.object({
  name: required('Tên nơi nhận'),
  /** Which reports go there, e.g. 'BTXH' (Sở Y tế) or 'NCC' (Sở Nội vụ); free text for now. */
  scope: line('Loại báo cáo', 100),
});

export const officeSettingsSchema = z.object({
  unitName: required('Tên đơn vị'),
  parentBody: line('Cơ quan cấp trên'),
  placeName: required('Địa danh'),
  province: required('Tỉnh/thành phố', 100),
  chairmanName: line('Họ tên Chủ tịch', 100),
  /** Signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" when the chairman delegates a decision. */
  deputyChairmanName: line('Họ tên Phó Chủ tịch', 100).optional(),
  officerName: line('Họ tên cán bộ phụ trách', 100),
  /**
   * The ward's administrative code (mã đơn vị hành chính cấp xã, 5 digits), written in the province
   * export's data files so the receiving office (issue 17) knows whose figures they are. Optional: an
   * older saved value has none; the province export asks for it.
   */
  wardCode: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{5}$/.test(v), {
      error: 'Mã đơn vị hành chính: 5 chữ số (mã xã, phường theo danh mục hành chính).',
    })
    .optional(),
  reportRecipients: z.array(reportRecipientSchema).max(20, { error: 'Tối đa 20 nơi nhận.' }),
});

export type OfficeSettings = z.output<typeof officeSettingsSchema>;
export type OfficeSettingsInput = z.input<typeof officeSettingsSchema>;

export const EMPTY_OFFICE_SETTINGS: OfficeSettings = {
  unitName: '',
  parentBody: '',
  placeName: '',
  province: '',
  chairmanName: '',
  deputyChairmanName: '',
  officerName: '',
  reportRecipients: [],
};

/**
 * Saving the office's names starts a period: documents dated from `validFrom` (today when left out) carry
 * these names, older documents keep the names in force on their own date (a reorganisation renames the
 * ward; a draft decision reprinted afterwards must read as it did). A correction of today's names is a
 * save from today.
 */
export const saveOfficeSettingsSchema = officeSettingsSchema.extend({
  validFrom: optionalDate('Áp dụng từ ngày').optional(),
});
export type SaveOfficeSettingsInput = z.input<typeof saveOfficeSettingsSchema>;

/** One period of the office's names, newest first in the list. */
export interface OfficeNamesPeriod {
  validFrom: string;
  /** The last day of the period; null for the names in force now. */
  validTo: string | null;
  unitName: string;
  parentBody: string;
  chairmanName: string;
  deputyChairmanName: string;
  recordedAt: string;
}
