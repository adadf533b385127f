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
// append an audit entry; a 'query' only reads; a 'task' is asynchronous work that reads and produces a
// file (exports) and must record what it produced in the audit log; a 'status' call works even when the
// database could not be opened (so the renderer can show the recovery screen).

export type ChannelKind = 'status' | 'query' | 'command' | 'task';

interface ChannelSpec<K extends ChannelKind, I extends z.ZodType, O> {
  kind: K;
  input: I;
  /** Phantom: the output type, carried for the typed client and handlers. */
  output: O;
}

/** `query<Output>()(inputSchema)`: the output type is named, the input type inferred from the schema. */
const channelOf =
  <K extends ChannelKind>(kind: K) =>
  <O>() =>
  <I extends z.ZodType>(input: I): ChannelSpec<K, I, O> => ({ kind, input, output: undefined as O });
const status = channelOf('status');
const query = channelOf('query');
const command = channelOf('command');
const task = channelOf('task');

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
const exportSchema = searchSchema.omit({ limit: true, offset: true });
const monthInput = z.object({ month: monthField('Tháng').optional() });
const provinceLevelSchema = z.object({
  programme: z.enum(PROGRAMME_CODES),
  effectiveMonth: monthField('Áp dụng từ tháng'),
  amountVnd: moneyField('Mức chuẩn'),
  basis: text('Căn cứ (số quyết định của tỉnh)', 200),
});

export const contract = {
  'app.info': status<AppInfo>()(noInput),
  'settings.getOffice': query<OfficeSettings>()(noInput),
  'settings.saveOffice': command<OfficeSettings>()(officeSettingsSchema),

  // The register (sổ đối tượng)
  'reference.get': query<ReferenceData>()(noInput),
  'people.search': query<SearchResult>()(searchSchema),
  'people.get': query<PersonDetail>()(byId),
  'people.checkDraft': query<{ errors: FieldIssue[]; warnings: FieldIssue[] }>()(draftCheckSchema),
  'people.update': command<WriteResult>()(updatePersonSchema),
  'register.enroll': command<WriteResult>()(enrollSchema),
  'register.decide': command<WriteResult>()(decideSchema),
  'register.recordDeath': command<WriteResult & { funeralVnd: number }>()(deathSchema),
  'register.moveAway': command<WriteResult>()(moveAwaySchema),
  'register.export': task<{ fileName: string; contentBase64: string; count: number; totalVnd: number }>()(exportSchema),
  'reference.addProvinceLevel': command<ReferenceData['standardLevels']>()(provinceLevelSchema),
  'register.changesNextMonth': query<{ month: string; rows: ChangeRow[] }>()(monthInput),
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
