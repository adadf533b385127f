import { z } from 'zod';
import './zod-vi';
import { officeSettingsSchema, type OfficeSettings } from './settings';

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

export const contract = {
  'app.info': channel<typeof noInput, AppInfo>('status', noInput),
  'settings.getOffice': channel<typeof noInput, OfficeSettings>('query', noInput),
  'settings.saveOffice': channel<typeof officeSettingsSchema, OfficeSettings>('command', officeSettingsSchema),
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
