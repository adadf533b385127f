import type { z } from 'zod';
import { finishSummaryRefresh } from '../register/summary';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { CardView, ExpiringCard, saveCardSchema } from '@shared/api/bhyt';
import { CARD_EXPIRY_NOTICE_DAYS } from '@shared/domain/health-insurance';
import { addDays } from '@shared/domain/payout';
import type { Store } from '../../db/store';
import { today } from '../clock';
import {
  cardById,
  cardPerson,
  cardsOf,
  countExpiringCards,
  expiringCards,
  insertCard,
  otherHolder,
  syncPersonCard,
  updateCard,
} from './queries';

// A person's BHYT cards: recorded and corrected by the officer, each write audited with the card before
// and after; the person's card number (people.health_insurance_no) follows the card in use.

type SaveCard = z.output<typeof saveCardSchema>;

export function listCards(store: Store, personId: number): CardView[] {
  return cardsOf(store, personId).map((c, i) => ({
    id: c.id,
    cardNumber: c.card_number,
    bhxhNumber: c.bhxh_number,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    source: c.source,
    note: c.note,
    recordedAt: c.recorded_at,
    recordedBy: c.recorded_by_name ?? '',
    current: i === 0,
  }));
}

const invalid = (path: string, message: string) => new ApiError('INVALID_INPUT', message, [{ path, message }]);

export function saveCard(ctx: HandlerContext, input: SaveCard): { cardId: number } {
  const { store } = ctx;
  const person = cardPerson(store, input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  const holder = otherHolder(store, input.cardNumber.bhxhNumber, person.id);
  if (holder)
    throw invalid(
      'cardNumber',
      `Số thẻ BHYT: mã số BHXH ${input.cardNumber.bhxhNumber} đã ghi cho ${holder.full_name} (hồ sơ số ${holder.id}). Kiểm tra lại.`,
    );
  const at = ctx.now.toISOString();
  const row = {
    card_number: input.cardNumber.cardNumber,
    bhxh_number: input.cardNumber.bhxhNumber,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    source: input.source,
    note: input.note,
    recorded_at: at,
    recorded_by: ctx.user.id,
  };
  const view = (r: typeof row) => ({
    cardNumber: r.card_number,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    source: r.source,
    note: r.note,
  });
  let cardId: number;
  if (input.cardId !== undefined) {
    const before = cardById(store, input.cardId);
    if (!before || before.person_id !== person.id)
      throw new ApiError('NOT_FOUND', 'Không tìm thấy thẻ BHYT này trong hồ sơ.');
    updateCard(store, input.cardId, row);
    cardId = input.cardId;
    ctx.audit({
      action: 'bhyt.card.update',
      entity: 'health_insurance_card',
      entityId: cardId,
      personId: person.id,
      before: view({ ...row, ...before }),
      after: view(row),
    });
  } else {
    cardId = insertCard(store, { ...row, person_id: person.id });
    ctx.audit({
      action: 'bhyt.card.create',
      entity: 'health_insurance_card',
      entityId: cardId,
      personId: person.id,
      after: view(row),
    });
  }
  syncPersonCard(store, person.id, at);
  return { cardId };
}

/** The screen's list: current beneficiaries whose card in use ends from today to CARD_EXPIRY_NOTICE_DAYS days on (the first 1,000). */
export function cardsExpiringSoon(ctx: Pick<HandlerContext, 'store' | 'now'>, limit = 1000): ExpiringCard[] {
  // Who is a current beneficiary comes from the summary: the month's first start finishes its refresh first.
  finishSummaryRefresh(ctx.store);
  const day = today(ctx.now);
  return expiringCards(ctx.store, day, addDays(day, CARD_EXPIRY_NOTICE_DAYS), limit);
}

/** Above this many the to-do item says "hơn 1.000" instead of counting them all. */
export const EXPIRING_COUNT_CAP = 1000;

/** The to-do item: how many (up to EXPIRING_COUNT_CAP + 1), and the first few. */
export function expiringSummary(
  ctx: Pick<HandlerContext, 'store' | 'now'>,
  names = 3,
): { count: number; more: boolean; first: ExpiringCard[] } {
  finishSummaryRefresh(ctx.store);
  const day = today(ctx.now);
  const to = addDays(day, CARD_EXPIRY_NOTICE_DAYS);
  const first = expiringCards(ctx.store, day, to, names, false);
  const count = first.length < names ? first.length : countExpiringCards(ctx.store, day, to, EXPIRING_COUNT_CAP + 1);
  return { count: Math.min(count, EXPIRING_COUNT_CAP), more: count > EXPIRING_COUNT_CAP, first };
}
