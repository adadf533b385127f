import { z } from 'zod';
import './zod-vi';
import {
  ADMIN,
  command,
  EXPORTERS,
  job,
  OFFICER,
  query,
  session,
  status,
  type JobId,
  type JobStarted,
} from './channel';
import { payoutChannels } from './payout';
import { campaignChannels } from './campaign';
import { payrollChannels } from './payroll';
import { payrollFileChannels } from './payroll-files';
import { payrollResultChannels } from './payroll-results';
import { backupChannels } from './backup';
import { diagnosticsChannels } from './diagnostics';
import { reportChannels } from './reports';
import { formChannels } from './forms';
import { ledgerChannels } from './ledger';
import { ledgerFileChannels } from './ledger-files';
import { todoChannels } from './todo';
import { undoChannels } from './undo';
import { printChannels } from './print';
import { helpChannels } from './help';
import { wardDecisionChannels } from './ward-decisions';
import { nccBenefitChannels } from './ncc-benefits';
import { bhytChannels } from './bhyt';
import { saveOfficeSettingsSchema, type OfficeNamesPeriod, type OfficeSettings } from './settings';
import { evidenceChannels } from './evidence';
import { personFileChannels } from './person-file';
import { receivingChannels } from './receiving';
import { roundChannels } from './rounds';
import { roundResultChannels } from './round-results';
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
  type RegisterExportFile,
  type SearchResult,
  type WriteResult,
} from './register';
import type { FieldIssue } from './errors';
import {
  changeOwnPasswordSchema,
  createUserSchema,
  firstRunSchema,
  loginSchema,
  resetPasswordSchema,
  securitySettingsSchema,
  setUserActiveSchema,
  setUserRoleSchema,
  unlockSchema,
  auditFilterSchema,
  auditExportSchema,
  type AuditChainResult,
  type AuditExportFile,
  type AnchorCheck,
  type AuditEntryView,
  type SecuritySettings,
  type SessionState,
  type UserView,
} from './auth';
import { checkExportProtection, exportProtectionFields, idField, moneyField, monthField, text } from './fields';
import type { WhatsNew } from '../domain/release-notes';
import {
  analyzeImportSchema,
  commitImportSchema,
  discardImportSchema,
  jobIdSchema,
  previewImportSchema,
  type ImportAnalysis,
  type ImportPreview,
  type ImportResult,
  type JobStatus,
} from './import';

// The one API contract between renderer and main: every channel's name, input schema and output type.
// Main validates every input against `input` before a handler sees it (over IPC and over HTTP alike).
// How channels are declared (kind, access): shared/api/channel.ts. Each area keeps its channels in its own
// file and is spread in below.

const noInput = z.object({}).strict();
const byId = z.object({ id: idField }).strict();

export type DbStatus =
  | { state: 'ok'; path: string; schemaVersion: number }
  | { state: 'error'; path: string; code: string; message: string };

export interface AppInfo {
  appName: string;
  appVersion: string;
  /** Version, build day and the newest schema this app knows: shown in Cài đặt, written in export manifests. */
  build: { appVersion: string; buildDate: string; schemaVersion: number };
  /** Set on the first start of a newer version over an older register: "Có gì mới" (release notes since). */
  whatsNew?: WhatsNew;
  /** 'electron' in the desktop app; 'browser-harness' when served by `npm run serve`. */
  shell: 'electron' | 'browser-harness';
  db: DbStatus;
  /** The register's audit chain against the anchors the app has issued, checked at open (and after a restore). */
  auditAnchors?: AnchorCheck;
  user: { id: number | null; username: string; fullName: string; role: string | null };
}

const updatePersonSchema = z.object({ id: idField, person: personSchema });
const exportSchema = searchSchema
  .omit({ limit: true, offset: true })
  .extend(exportProtectionFields)
  .superRefine(checkExportProtection);
const monthInput = z.object({ month: monthField('Tháng').optional() });
const provinceLevelSchema = z.object({
  programme: z.enum(PROGRAMME_CODES),
  effectiveMonth: monthField('Áp dụng từ tháng'),
  amountVnd: moneyField('Mức chuẩn'),
  basis: text('Căn cứ (số quyết định của tỉnh)', 200),
});

export const contract = {
  'app.info': status<AppInfo>()(noInput, 'public'),
  'settings.getOffice': query<OfficeSettings>()(noInput),
  'settings.saveOffice': command<OfficeSettings>()(saveOfficeSettingsSchema, ADMIN),
  /** The office's names over time (each save starts a period), newest first. */
  'settings.officeHistory': query<OfficeNamesPeriod[]>()(noInput),
  'settings.getSecurity': query<SecuritySettings>()(noInput),
  'settings.saveSecurity': command<SecuritySettings>()(securitySettingsSchema, ADMIN),

  // Sign-in, users, audit (shared/api/auth.ts)
  'auth.state': status<SessionState>()(noInput, 'public'),
  'auth.firstRun': session<Promise<SessionState>>()(firstRunSchema, 'public'),
  'auth.login': session<Promise<SessionState>>()(loginSchema, 'public'),
  'auth.unlock': session<Promise<SessionState>>()(unlockSchema, 'public'),
  'auth.logout': session<SessionState>()(noInput, 'public'),
  /** "Khoá màn hình": the user steps away; unlocking needs their password (public: a locked session may call it). */
  'auth.lock': session<SessionState>()(noInput, 'public'),
  'auth.changePassword': session<Promise<{ changed: true }>>()(changeOwnPasswordSchema),
  'users.list': query<UserView[]>()(noInput, ADMIN),
  'users.create': session<Promise<UserView>>()(createUserSchema, ADMIN),
  'users.setActive': command<UserView>()(setUserActiveSchema, ADMIN),
  /** Cài đặt → Người dùng: another role for an account (never leaves the office without an active administrator). */
  'users.setRole': command<UserView>()(setUserRoleSchema, ADMIN),
  'users.resetPassword': session<Promise<UserView>>()(resetPasswordSchema, ADMIN),
  'audit.list': query<{ rows: AuditEntryView[]; total: number }>()(auditFilterSchema, ADMIN),
  'audit.export': job<AuditExportFile>()(auditExportSchema, ADMIN),
  'audit.verify': query<AuditChainResult>()(noInput, ADMIN),

  // The register (sổ đối tượng)
  'reference.get': query<ReferenceData>()(noInput),
  'people.search': query<SearchResult>()(searchSchema),
  'people.get': query<PersonDetail>()(byId),
  /** The full citizen ID and old ID of one person (masked everywhere else); every call is audited. */
  'people.reveal': command<{ citizenId: string; legacyId: string }>()(byId),
  'people.checkDraft': query<{ errors: FieldIssue[]; warnings: FieldIssue[] }>()(draftCheckSchema),
  'people.update': command<WriteResult>()(updatePersonSchema, OFFICER),
  'register.enroll': command<WriteResult>()(enrollSchema, OFFICER),
  'register.decide': command<WriteResult>()(decideSchema, OFFICER),
  'register.recordDeath': command<WriteResult & { funeralVnd: number }>()(deathSchema, OFFICER),
  'register.moveAway': command<WriteResult>()(moveAwaySchema, OFFICER),
  // A job (jobs.get → progress, then the file); see import.commit.
  'register.export': job<RegisterExportFile>()(exportSchema, EXPORTERS),
  'reference.addProvinceLevel': command<ReferenceData['standardLevels']>()(provinceLevelSchema, ADMIN),
  'register.changesNextMonth': query<{ month: string; rows: ChangeRow[] }>()(monthInput),

  // Import of a ward's Excel register (shared/api/import.ts). analyze reads the file asynchronously (exceljs),
  // hence its Promise output; nothing is written before commit. commit is a 'job': the call itself writes
  // nothing, it starts a job (jobs.get gives progress and the ImportResult) whose single write is one
  // transaction that must append its audit entry or roll back, as a command's (auditedWrite, main/jobs.ts).
  'import.analyze': query<Promise<ImportAnalysis>>()(analyzeImportSchema, OFFICER),
  'import.preview': query<ImportPreview>()(previewImportSchema, OFFICER),
  'import.commit': job<ImportResult>()(commitImportSchema, OFFICER),
  'import.discard': query<{ discarded: boolean }>()(discardImportSchema, OFFICER),
  // Long jobs (import; later payroll, exports, backup): determinate progress and Cancel. 'status' so they
  // answer from memory without touching the database.
  'jobs.get': status<JobStatus>()(jobIdSchema),
  'jobs.cancel': status<JobStatus>()(jobIdSchema),

  ...payoutChannels, // payout methods, bank accounts, authorizations, their forms (shared/api/payout.ts)
  ...campaignChannels, // the non-cash campaign: progress dashboard, target, work list (shared/api/campaign.ts)
  ...payrollChannels, // the monthly payroll: build, review, approve, results (shared/api/payroll.ts)
  ...payrollFileChannels, // files for the payer: bank batches, payout lists, summary (shared/api/payroll-files.ts)
  ...payrollResultChannels, // bank result import, cash marking, carry-over, reconciliation (shared/api/payroll-results.ts)
  ...backupChannels, // backups and restore (shared/api/backup.ts)
  ...reportChannels, // reports to the province and the USB hand-off (shared/api/reports.ts)
  ...formChannels, // printed forms: authorization form, pending batch, change-of-method request (shared/api/forms.ts)
  ...diagnosticsChannels, // the error log: screens report render errors, the admin saves the log (shared/api/diagnostics.ts)
  ...ledgerChannels, // the money ledger: owed against paid per service month, arrears/overpayments, heirs (shared/api/ledger.ts)
  ...todoChannels, // Việc cần làm: each role's home screen (shared/api/todo.ts)
  ...helpChannels, // the quick guide PDF (help pages are renderer data: shared/help/pages.ts)
  ...printChannels, // printing directly: system print dialog, A4, the document's orientation (shared/api/print.ts)
  ...undoChannels, // undo of an import, a death entry, a payout-method change (shared/api/undo.ts)
  ...bhytChannels, // health insurance: cards per person, the month's start/change/end list for the social-insurance office (shared/api/bhyt.ts)
  ...personFileChannels, // a person's file PDF, the transfer to another ward and its import (shared/api/person-file.ts)
  ...ledgerFileChannels, // the ledger's printouts: a person's money history PDF, the truy lĩnh / truy thu list (shared/api/ledger-files.ts)
  ...roundChannels, // one-off rounds: Tết and 27/7 gifts, review, signature list, bank file (shared/api/rounds.ts)
  ...roundResultChannels, // an approved round's payment results and reconciliation (shared/api/round-results.ts)
  ...wardDecisionChannels, // the decisions the ward signs: per-year register, draft Quyết định, posting list (shared/api/ward-decisions.ts)
  ...nccBenefitChannels, // the Sở's funeral and one-time allowances on an NCC's death, paid once to the named person (shared/api/ncc-benefits.ts)
  ...evidenceChannels, // eligibility evidence per person and the yearly review (shared/api/evidence.ts)
  ...receivingChannels, // the receiving office: wards' province exports received, verified and consolidated (shared/api/receiving.ts)
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = Contract[C]['output'];

/** The channels that start a job (kind 'job'). */
export type JobChannel = { [C in Channel]: Contract[C]['kind'] extends 'job' ? C : never }[Channel];
/** The result of the job that a job channel starts (what jobs.get gives once it is done). */
export type JobResult<C extends JobChannel> = ChannelOutput<C> extends JobStarted<infer R> ? R : never;
/** The id a job channel answers, naming its result: e.g. `useState<JobIdOf<'payroll.build'>>()`. */
export type JobIdOf<C extends JobChannel> = JobId<JobResult<C>>;

/**
 * A channel that answers a job id is declared with `job<Result>()`, never `query<{ jobId: string }>()`:
 * the type check fails here, naming the channel, until it is (so its result reaches jobs.get typed).
 */
type UndeclaredJobChannel = {
  [C in Channel]: Contract[C]['kind'] extends 'job'
    ? never
    : Awaited<ChannelOutput<C>> extends { jobId: string }
      ? C
      : never;
}[Channel];
const everyJobChannelIsJobKind: [UndeclaredJobChannel] extends [never]
  ? true
  : { declareWithJob: UndeclaredJobChannel } = true;
void everyJobChannelIsJobKind;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
