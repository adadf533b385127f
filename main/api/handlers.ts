import type { Channel, ChannelOutput, ChannelParsedInput, Contract } from '@shared/api/contract';
import type { HandlerContext, StatusContext } from './context';
import { getOfficeSettings, officeNamesHistory, saveOfficeSettings } from '../services/settings';
import { authHandlers } from '../services/auth/handlers';
import { currentMonth } from '../services/clock';
import { changesNextMonth } from '../services/register/changes';
import { decide, enroll } from '../services/register/decisions';
import { recordDeath, recordMoveAway } from '../services/register/life-events';
import { personDetail } from '../services/register/person-detail';
import { checkPerson, draftFromText, updatePerson } from '../services/register/people';
import { addProvinceStandardLevel, referenceData } from '../services/register/reference';
import { maskPersonDetail, revealIdentifiers, searchForScreen } from '../services/register/sensitive';
import { startRegisterExport } from '../services/register/export';
import { refreshSummary } from '../services/register/summary';
import { importHandlers } from '../services/import';
import { payoutHandlers } from '../services/payout/handlers';
import { campaignHandlers } from '../services/campaign/handlers';
import { payrollHandlers } from '../services/payroll/handlers';
import { payrollFileHandlers } from '../services/payroll-files/handlers';
import { payrollResultHandlers } from '../services/payroll-results/handlers';
import { backupHandlers } from '../services/backup/handlers';
import { reportHandlers } from '../services/reports/handlers';
import { formHandlers } from '../services/forms/handlers';
import { wardDecisionHandlers } from '../services/ward-decisions/handlers';
import { nccBenefitHandlers } from '../services/ncc-benefits/handlers';
import { diagnosticsHandlers } from '../services/diagnostics/handlers';
import { ledgerHandlers } from '../services/ledger/handlers';
import { ledgerFileHandlers } from '../services/ledger-files/handlers';
import { todoHandlers } from '../services/todo/handlers';
import { undoHandlers } from '../services/undo/handlers';
import { deathRecordedToday } from '../services/undo/death';
import { moveAwayRecordedToday } from '../services/undo/move-away';
import { printHandlers } from '../services/print/handlers';
import { helpHandlers } from '../services/help/handlers';
import { bhytHandlers } from '../services/bhyt/handlers';
import { evidenceHandlers } from '../services/evidence/handlers';
import { personFileHandlers } from '../services/person-file/handlers';
import { receivingHandlers } from '../services/receiving/handlers';
import { roundHandlers, roundResultHandlers } from '../services/rounds/handlers';

// The single handler table, keyed by channel: the same functions serve Electron IPC and the HTTP harness.
// Handlers are plain synchronous functions over the context; a command's work is one transaction.

type ContextFor<C extends Channel> = Contract[C]['kind'] extends 'status' ? StatusContext : HandlerContext;
export type Handler<C extends Channel> = (ctx: ContextFor<C>, input: ChannelParsedInput<C>) => ChannelOutput<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

export const handlers: HandlerTable = {
  ...authHandlers,
  'app.info': (ctx) => ({ ...ctx.app, user: ctx.user }),
  'settings.getOffice': (ctx) => getOfficeSettings(ctx),
  'settings.saveOffice': (ctx, input) => saveOfficeSettings(ctx, input),
  'settings.officeHistory': (ctx) => officeNamesHistory(ctx),

  'reference.get': (ctx) => referenceData(ctx.store, currentMonth(ctx.now)),
  'people.search': (ctx, input) => searchForScreen(ctx, input),
  'people.get': (ctx, { id }) => {
    const detail = maskPersonDetail(personDetail(ctx.store, id, currentMonth(ctx.now)));
    return {
      ...detail,
      ...(detail.person.deathDate ? { deathUndoable: deathRecordedToday(ctx, id) } : {}),
      ...(detail.person.movedAwayDate ? { moveAwayUndoable: moveAwayRecordedToday(ctx, id) } : {}),
    };
  },
  'people.reveal': (ctx, { id }) => revealIdentifiers(ctx, id),
  'people.checkDraft': (ctx, input) => {
    const { errors, warnings } = checkPerson(ctx.store, draftFromText(input), input.excludeId);
    return { errors, warnings };
  },
  'people.update': (ctx, { id, person }) => {
    const { warnings } = updatePerson(ctx, id, person, 'person.');
    refreshSummary(ctx.store, currentMonth(ctx.now), [id]);
    return { personId: id, warnings };
  },
  'register.enroll': (ctx, input) => enroll(ctx, input),
  'register.decide': (ctx, input) => decide(ctx, input),
  'register.recordDeath': (ctx, input) => recordDeath(ctx, input),
  'register.moveAway': (ctx, input) => recordMoveAway(ctx, input),
  'register.export': (ctx, input) => startRegisterExport(ctx, input),
  'reference.addProvinceLevel': (ctx, input) => addProvinceStandardLevel(ctx, input),
  'register.changesNextMonth': (ctx, { month }) => changesNextMonth(ctx.store, month ?? currentMonth(ctx.now)),
  ...importHandlers,
  ...payoutHandlers,
  ...campaignHandlers,
  ...payrollHandlers,
  ...payrollFileHandlers,
  ...payrollResultHandlers,
  ...backupHandlers,
  ...reportHandlers,
  ...formHandlers,
  ...diagnosticsHandlers,
  ...ledgerHandlers,
  ...ledgerFileHandlers,
  ...personFileHandlers,
  ...todoHandlers,
  ...undoHandlers,
  ...printHandlers,
  ...helpHandlers,
  ...wardDecisionHandlers,
  ...nccBenefitHandlers,
  ...roundHandlers,
  ...roundResultHandlers,
  ...bhytHandlers,
  ...evidenceHandlers,
  ...receivingHandlers,
};
