import type { HandlerContext } from '../../api/context';
import type { ExpiringEvidence, ReviewList, ReviewRow } from '@shared/api/evidence';
import { ageInYearsAtMonthEnd, formatBirthDate } from '@shared/domain/dates';
import {
  checkGroup,
  defaultListYear,
  GROUPS_NEEDING_EVIDENCE,
  proposalMonth,
  proposeDecision,
} from '@shared/domain/evidence';
import { addDays } from '@shared/domain/payout';
import { today } from '../clock';
import { birthOfRow, decisionFacts, factOf } from './evidence';
import {
  allGroups,
  countExpiringEvidence,
  currentEntitlements,
  evidenceOfPeople,
  expiringEvidence,
  type EvidenceRow,
} from './queries';

// The yearly review (issue 16): on a day (the poor-household list of December), everyone whose group in
// force the month after depends on a fact that has expired, is missing or changed, each with the decision
// to propose (stop from the month after, or a change of group). The group is read the month after so a
// decision the officer has already recorded from then takes the person off the list. Writes nothing.

export function reviewList(
  ctx: Pick<HandlerContext, 'store'>,
  input: { date: string; listYear?: number | undefined },
): ReviewList {
  const { store } = ctx;
  const listYear = input.listYear ?? defaultListYear(input.date);
  const month = proposalMonth(input.date);
  const entitlements = currentEntitlements(store, month, GROUPS_NEEDING_EVIDENCE);
  const people = new Set<number>();
  for (const e of entitlements) {
    people.add(e.personId);
    if (e.caredPersonId !== null) people.add(e.caredPersonId);
  }
  const byPerson = new Map<number, EvidenceRow[]>();
  for (const r of evidenceOfPeople(store, [...people])) {
    const list = byPerson.get(r.person_id);
    if (list) list.push(r);
    else byPerson.set(r.person_id, [r]);
  }
  const factsOf = (id: number | null) => (id === null ? [] : (byPerson.get(id) ?? []).map(factOf));
  const labels = new Map(allGroups(store).map((g) => [g.code, g.label]));
  // The social pension's grant records the household list it relied on: that counts as a fact too.
  const fromDecisions = decisionFacts(
    store,
    entitlements.filter((e) => e.programme === 'HTXH').map((e) => e.entitlementId),
  );
  const rows: ReviewRow[] = [];
  for (const e of entitlements) {
    const birth = birthOfRow(e.birthDate, e.birthPrecision);
    const caredBirth = birthOfRow(e.caredBirthDate, e.caredBirthPrecision);
    const age = birth ? ageInYearsAtMonthEnd(birth, month) : null;
    const findings = checkGroup(
      e.groupCode,
      {
        self: [...factsOf(e.personId), ...(fromDecisions.get(e.entitlementId) ?? [])],
        cared: factsOf(e.caredPersonId),
      },
      { self: age, cared: caredBirth ? ageInYearsAtMonthEnd(caredBirth, month) : null },
      input.date,
      listYear,
    );
    const proposal = proposeDecision(e.groupCode, findings, age, input.date);
    if (!proposal) continue;
    const adjust = proposal.kind === 'adjust' ? proposal.groupCode : null;
    rows.push({
      personId: e.personId,
      fullName: e.fullName,
      birthText: birth ? formatBirthDate(birth) : '',
      neighbourhood: e.neighbourhood,
      entitlementId: e.entitlementId,
      programme: e.programme,
      programmeName: e.programmeName,
      groupCode: e.groupCode,
      groupLabel: e.groupLabel,
      status: e.status,
      caredName: e.caredName ?? '',
      findings: findings
        .filter((f) => f.status !== 'ok')
        .map((f) => ({
          kind: f.requirement.kind,
          subject: f.requirement.subject,
          status: f.status as 'missing' | 'expired' | 'changed',
          message: f.message,
        })),
      proposal: {
        kind: proposal.kind,
        groupCode: adjust,
        groupLabel: adjust ? (labels.get(adjust) ?? '') : '',
        effectiveMonth: proposal.effectiveMonth,
        reason: proposal.reason,
      },
    });
  }
  return { date: input.date, listYear, examined: entitlements.length, rows };
}

/** Days ahead the to-do names evidence ending. */
export const EVIDENCE_NOTICE_DAYS = 30;
export const EVIDENCE_COUNT_CAP = 1000;

/** The to-do item: facts of current beneficiaries ending within EVIDENCE_NOTICE_DAYS days (count capped). */
export function expiringEvidenceSummary(
  ctx: Pick<HandlerContext, 'store' | 'now'>,
  names = 3,
): { count: number; more: boolean; first: ExpiringEvidence[] } {
  const day = today(ctx.now);
  const to = addDays(day, EVIDENCE_NOTICE_DAYS);
  const first = expiringEvidence(ctx.store, day, to, names);
  const count = first.length < names ? first.length : countExpiringEvidence(ctx.store, day, to, EVIDENCE_COUNT_CAP + 1);
  return { count: Math.min(count, EVIDENCE_COUNT_CAP), more: count > EVIDENCE_COUNT_CAP, first };
}
