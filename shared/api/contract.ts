import { z } from 'zod';
import './zod-vi';
import { officeSettingsSchema, type OfficeSettings } from './settings';
import {
  decideSchema,
  deathSchema,
  draftCheckSchema,
  enrollSchema,
  moveAwaySchema,
  personSchema,
  PROGRAMME_CODES,
  searchSchema,
  type ChangeRow,
  type PersonDetail,
  type ReferenceData,
  type SearchResult,
  type WriteResult,
} from './register';
import type { FieldIssue } from './errors';
import { idField, moneyField, monthField, text } from './fields';

// The one API contract between renderer and main: every channel's name, input schema and output type.
// Main validates every input against `input` before a handler sees it (over IPC and over HTTP alike).
// `kind` tells the dispatcher how to run the handler: a 'command' runs in one transaction that must
// append an audit entry; a 'query' only reads; a 'status' call works even when the database could not
// be opened (so the renderer can show the recovery screen).

export type ChannelKind = 'status' | 'query' | 'command';

interface ChannelSpec<I extends z.ZodType, O> {
  kind: ChannelKind;
  input: I;
  /** Phantom: the output type, carried for the typed client and handlers. */
  output: O;
}

const channel = <I extends z.ZodType, O>(kind: ChannelKind, input: I): ChannelSpec<I, O> => ({
  kind,
  input,
  output: undefined as O,
});

const noInput = z.object({}).strict();
const byId = z.object({ id: idField }).strict();

export type DbStatus =
  | { state: 'ok'; path: string; schemaVersion: number }
  | { state: 'error'; path: string; code: string; message: string };

export interface AppInfo {
  appName: string;
  appVersion: string;
  /** 'electron' in the desktop app; 'browser-harness' when served by `npm run serve`. */
  shell: 'electron' | 'browser-harness';
  db: DbStatus;
  user: { id: number; username: string; fullName: string; role: string };
}

const updatePersonSchema = z.object({ id: idField, person: personSchema });
const monthInput = z.object({ month: monthField('Tháng').optional() });
const provinceLevelSchema = z.object({
  programme: z.enum(PROGRAMME_CODES),
  effectiveMonth: monthField('Áp dụng từ tháng'),
  amountVnd: moneyField('Mức chuẩn'),
  basis: text('Căn cứ (số quyết định của tỉnh)', 200),
});

export const contract = {
  'app.info': channel<typeof noInput, AppInfo>('status', noInput),
  'settings.getOffice': channel<typeof noInput, OfficeSettings>('query', noInput),
  'settings.saveOffice': channel<typeof officeSettingsSchema, OfficeSettings>('command', officeSettingsSchema),

  // The register (sổ đối tượng)
  'reference.get': channel<typeof noInput, ReferenceData>('query', noInput),
  'people.search': channel<typeof searchSchema, SearchResult>('query', searchSchema),
  'people.get': channel<typeof byId, PersonDetail>('query', byId),
  'people.checkDraft': channel<typeof draftCheckSchema, { errors: FieldIssue[]; warnings: FieldIssue[] }>('query', draftCheckSchema),
  'people.update': channel<typeof updatePersonSchema, WriteResult>('command', updatePersonSchema),
  'register.enroll': channel<typeof enrollSchema, WriteResult>('command', enrollSchema),
  'register.decide': channel<typeof decideSchema, WriteResult>('command', decideSchema),
  'register.recordDeath': channel<typeof deathSchema, WriteResult & { funeralVnd: number }>('command', deathSchema),
  'register.moveAway': channel<typeof moveAwaySchema, WriteResult>('command', moveAwaySchema),
  'reference.addProvinceLevel': channel<typeof provinceLevelSchema, ReferenceData['standardLevels']>('command', provinceLevelSchema),
  'register.changesNextMonth': channel<typeof monthInput, { month: string; rows: ChangeRow[] }>('query', monthInput),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = Contract[C]['output'];

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
