import type { ImportAnalysis, ImportConfig, ImportPreviewRow, ImportRowStatus } from '@shared/api/import';
import type { ImportField } from '@shared/domain/import-mapping';

// The import wizard's editable configuration: what import.analyze proposed, as the officer corrects it.

export type SheetConfig = ImportConfig['sheets'][number];

export const STEPS = ['Chọn tệp', 'Cột và trang tính', 'Nhóm và hình thức nhận', 'Xem trước', 'Nhập vào sổ'] as const;
export type StepIndex = 0 | 1 | 2 | 3 | 4;

export const STATUS_LABELS: Record<ImportRowStatus, string> = {
  ok: 'Hợp lệ',
  warning: 'Cảnh báo',
  error: 'Lỗi',
  exists: 'Đã có trong sổ',
};

/** Assigns `field` to `column` in a sheet (or clears the column when field is ''); one column per field. */
export function withColumnField(sheet: SheetConfig, column: number, field: ImportField | ''): SheetConfig {
  const columns: SheetConfig['columns'] = {};
  for (const [key, col] of Object.entries(sheet.columns) as Array<[ImportField, number | undefined]>) {
    if (col === undefined || col === column || key === field) continue;
    columns[key] = col;
  }
  if (field) columns[field] = column;
  return { ...sheet, columns };
}

export function fieldOfColumn(sheet: SheetConfig, column: number): ImportField | '' {
  for (const [key, col] of Object.entries(sheet.columns) as Array<[ImportField, number | undefined]>)
    if (col === column) return key;
  return '';
}

export function withSheet(config: ImportConfig, index: number, sheet: SheetConfig): ImportConfig {
  return { ...config, sheets: config.sheets.map((s, i) => (i === index ? sheet : s)) };
}

/** Problems that make a preview pointless, said before asking the server. */
export function configProblems(config: ImportConfig): string[] {
  const included = config.sheets.filter((s) => s.include);
  if (included.length === 0) return ['Chọn ít nhất một trang tính để nhập.'];
  return included
    .filter((s) => s.columns.fullName === undefined)
    .map((s) => `Trang «${s.name}»: chưa chọn cột Họ và tên.`);
}

export function unchosenValues(config: ImportConfig): { groups: number; methods: number } {
  return {
    groups: config.groups.filter((g) => g.target === null).length,
    methods: config.methods.filter((m) => m.target === null).length,
  };
}

export function reasonsOf(row: ImportPreviewRow): string {
  return row.issues.map((i) => i.message).join(' · ');
}

export type Analysis = ImportAnalysis;
