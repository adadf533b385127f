import type { HandlerTable } from '../../api/handlers';
import { maskIdentifier } from '@shared/domain/masking';
import type { payoutChannels } from '@shared/api/payout';
import { currentMonth, today } from '../clock';
import { certifyAuthorization, certifyAuthorizations, revokeAuthorization } from './authorizations';
import { listBanks, saveBank } from './banks';
import { renewAuthorizations } from './renewal';
import { bulkChange, changeMethod } from './change';
import { checkChange } from './rules';
import { attentionList, findReceivers, payoutView } from './view';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const payoutHandlers: Pick<HandlerTable, keyof typeof payoutChannels> = {
  'payout.get': (ctx, { personId }) => payoutView(ctx.store, personId, currentMonth(ctx.now), today(ctx.now)),
  'payout.check': (ctx, input) => {
    const { errors, warnings } = checkChange(ctx.store, input, today(ctx.now));
    return { errors, warnings };
  },
  'payout.change': (ctx, input) => changeMethod(ctx, input),
  'payout.bulkChange': (ctx, input) => bulkChange(ctx, input),
  'payout.findReceivers': (ctx, { text, excludeId }) => {
    const found = findReceivers(ctx.store, text, excludeId);
    const digits = text.replace(/[\s.]/g, '');
    if (/^(\d{9}|\d{12})$/.test(digits)) {
      ctx.auditRead?.({
        action: 'sensitive.searchId',
        entity: 'person',
        detail: {
          list: 'payout.findReceivers',
          ids: [maskIdentifier(digits)],
          matched: found.length,
          personIds: found.map((f) => f.id),
        },
      });
    }
    return found;
  },
  'banks.list': (ctx) => listBanks(ctx.store),
  'banks.save': (ctx, input) => saveBank(ctx, input),
  'authorizations.certify': (ctx, input) => certifyAuthorization(ctx, input),
  'authorizations.certifyMany': (ctx, input) => certifyAuthorizations(ctx, input),
  'authorizations.revoke': (ctx, input) => revokeAuthorization(ctx, input),
  'authorizations.renew': (ctx, input) => renewAuthorizations(ctx, input),
  'authorizations.attention': (ctx) => ({
    today: today(ctx.now),
    rows: attentionList(ctx.store, today(ctx.now), currentMonth(ctx.now)),
  }),
};
