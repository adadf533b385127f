import { bankFilesSettingsSchema, type BankFilesSettings } from '@shared/api/payroll-files';
import { schemaErrors } from '../../../components/schemaErrors';

// The bank templates editor's fields: payrollFiles.saveSettings's input paths, so main's issues and the
// local check (the contract's own schema) land on the same field. A column's cells are fields of their
// own; an issue deeper in a list (a title row, a column's unknown key) belongs to the list.

export type TemplateKey =
  | 'id'
  | 'name'
  | 'sheetName'
  | 'banks'
  | 'titleRows'
  | 'columns'
  | 'nameFormat'
  | 'descriptionPattern'
  | 'descriptionMaxLength'
  | 'totalRow';
export type ColumnKey = 'header' | 'source' | 'width';
export type TemplateField = `templates.${number}.${TemplateKey}`;
export type ColumnField = `templates.${number}.columns.${number}.${ColumnKey}`;
export type SettingsField = 'templates' | 'splitByProgramme' | TemplateField | ColumnField;

const COLUMN_PATH = /^templates\.(\d+)\.columns\.(\d+)\.(header|source|width)(\.|$)/;
const TEMPLATE_PATH =
  /^templates\.(\d+)\.(id|name|sheetName|banks|titleRows|columns|nameFormat|descriptionPattern|descriptionMaxLength|totalRow)(\.|$)/;

export const templateField = (at: number, key: TemplateKey): TemplateField => `templates.${at}.${key}`;
export const columnField = (at: number, c: number, key: ColumnKey): ColumnField =>
  `templates.${at}.columns.${c}.${key}`;

/** payrollFiles.saveSettings's input path → the editor's field ('templates.0.titleRows.2' → the title rows). */
export function settingsFieldOf(path: string): SettingsField | undefined {
  const column = COLUMN_PATH.exec(path);
  if (column) return columnField(Number(column[1]), Number(column[2]), column[3] as ColumnKey);
  const inTemplate = TEMPLATE_PATH.exec(path);
  if (inTemplate) return templateField(Number(inTemplate[1]), inTemplate[2] as TemplateKey);
  return path === 'templates' || path === 'splitByProgramme' ? path : undefined;
}

/** What main would refuse, by field, in its own words. */
export const localSettingsErrors = (settings: BankFilesSettings) =>
  schemaErrors(bankFilesSettingsSchema, settings, settingsFieldOf);

/** The template a field belongs to, or undefined for the settings' own fields. */
export function templateOf(field: SettingsField): number | undefined {
  const m = /^templates\.(\d+)\./.exec(field);
  return m ? Number(m[1]) : undefined;
}
