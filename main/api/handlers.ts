import type { Channel, ChannelOutput, ChannelParsedInput, Contract } from '../../shared/api/contract';
import type { HandlerContext, StatusContext } from './context';
import { getOfficeSettings, saveOfficeSettings } from '../services/settings';

// The single handler table, keyed by channel: the same functions serve Electron IPC and the HTTP harness.
// Handlers are plain synchronous functions over the context; a command's work is one transaction.

type ContextFor<C extends Channel> = Contract[C]['kind'] extends 'status' ? StatusContext : HandlerContext;
export type Handler<C extends Channel> = (ctx: ContextFor<C>, input: ChannelParsedInput<C>) => ChannelOutput<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

export const handlers: HandlerTable = {
  'app.info': (ctx) => ({ ...ctx.app, user: ctx.user }),
  'settings.getOffice': (ctx) => getOfficeSettings(ctx),
  'settings.saveOffice': (ctx, input) => saveOfficeSettings(ctx, input),
};
