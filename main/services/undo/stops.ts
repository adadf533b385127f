import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { currentMonth } from '../clock';
import { refreshSummary } from '../register/summary';
import {
  carersOf,
  decisionsSince,
  entitlementEnd,
  insertResumeDecision,
  sameCommandEntries,
  setEntitlementEnd,
  stopDecision,
} from './queries/stops';

// A death or a move away stops every open entitlement with one 'stop' decision each (register/life-events).
// Undoing the event the same day reopens each as it was, with a 'resume' decision naming the stop it
// reverses (both stay in the person's decisions); the ledger's triggers on the person's dates mark the
// months, so the next build owes exactly what it owed before the entry.

export interface StopEntry {
  entitlementId: number;
  decisionId: number;
  endBefore: string | null;
  endAfter: string;
}

/** The event's command entries (after the event's own audit entry, at the same instant), and its stops. */
export function commandOf(store: Store, personId: number, entry: { id: number; at: string }) {
  const same = sameCommandEntries(store, personId, entry.id, entry.at);
  const stops: StopEntry[] = same
    .filter((e) => e.action === 'entitlement.stop')
    .map((e) => {
      const before = JSON.parse(e.before_json ?? '{}') as { endMonth: string | null };
      const after = JSON.parse(e.after_json ?? '{}') as { endMonth: string; decisionId: number };
      return {
        entitlementId: Number(e.entity_id),
        decisionId: after.decisionId,
        endBefore: before.endMonth ?? null,
        endAfter: after.endMonth,
      };
    });
  return { same, stops };
}

/** What blocks reopening the stops: decisions written since the event, entitlements changed since. */
export function stopBlockers(store: Store, personId: number, at: string, stops: StopEntry[], event: string): string[] {
  const out: string[] = [];
  const stopIds = new Set(stops.map((s) => s.decisionId));
  const later = decisionsSince(store, personId, at).filter((id) => !stopIds.has(id)).length;
  if (later) out.push(`Đã có ${later} quyết định ghi sau ${event}.`);
  if (stops.some((s) => entitlementEnd(store, s.entitlementId) !== s.endAfter))
    out.push(`Chế độ của người này đã được sửa sau ${event}.`);
  return out;
}

/** Reopens each stopped entitlement as it was, with an audited 'resume' decision reversing its stop. */
export function reopenStops(ctx: HandlerContext, personId: number, stops: StopEntry[], reason: string): void {
  const at = ctx.now.toISOString();
  for (const s of stops) {
    const stop = stopDecision(ctx.store, s.decisionId)!;
    const decisionId = insertResumeDecision(ctx.store, {
      personId,
      programme: stop.programme_code,
      month: stop.effective_month,
      reason,
      entitlementId: s.entitlementId,
      reverses: s.decisionId,
      at,
      by: ctx.user.id,
    });
    setEntitlementEnd(ctx.store, s.entitlementId, s.endBefore);
    ctx.audit({
      action: 'entitlement.stop.undo',
      entity: 'entitlement',
      entityId: s.entitlementId,
      personId,
      before: { endMonth: s.endAfter },
      after: { endMonth: s.endBefore, decisionId, reverses: s.decisionId },
    });
  }
}

/** Refreshes the summaries of the person and of the caregivers paid for them (care support follows the cared person). */
export function refreshWithCarers(ctx: HandlerContext, personId: number): void {
  refreshSummary(ctx.store, currentMonth(ctx.now), [personId, ...carersOf(ctx.store, personId)]);
}
