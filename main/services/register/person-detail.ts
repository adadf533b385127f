import { ApiError, type FieldIssue } from '@shared/api/errors';
import type { EntitlementView, PersonDetail, PersonStatus } from '@shared/api/register';
import type { BirthDate, Month } from '@shared/domain/dates';
import type { Store } from '../../db/store';
import { birthOf, computeAmounts, loadReference, loadStates } from './amounts';
import { checkPerson } from './people';
import { termComponents } from './queries/decisions';
import {
  decisionsOfPerson,
  entitlementsOfPerson,
  oneOffItemsOfPerson,
  personWithNeighbourhood,
  termsOfPerson,
  type PersonDetailRow,
} from './queries/person-detail';

// Everything the person page shows: identity, entitlements with their terms (the timeline), decisions,
// one-off items, this month's amounts and data-quality notes.

export function personDetail(store: Store, id: number, month: Month): PersonDetail {
  const p = personWithNeighbourhood(store, id);
  if (!p) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const birth: BirthDate | null = birthOf({ birthDate: p.birth_date, birthPrecision: p.birth_precision });

  const ref = loadReference(store);
  const amounts = new Map(computeAmounts(ref, loadStates(store, month, [id]), month).map((a) => [a.entitlementId, a]));
  const entitlementRows = entitlementsOfPerson(store, id);
  const termRows = termsOfPerson(store, id);

  const entitlements: EntitlementView[] = entitlementRows.map((e) => {
    const a = amounts.get(e.id);
    return {
      id: e.id,
      programme: e.programme_code,
      startMonth: e.start_month,
      endMonth: e.end_month,
      caredPersonId: e.cared_person_id,
      terms: termRows
        .filter((t) => t.entitlement_id === e.id)
        .map((t) => ({
          id: t.id,
          effectiveFrom: t.effective_from,
          status: t.status,
          groupCode: t.group_code,
          multiplier: t.multiplier,
          categoryLabel: t.category_label,
          components: termComponents(store, t.id),
          decisionId: t.decision_id,
        })),
      current: a
        ? {
            groupCode: a.groupCode,
            coefficientMilli: a.coefficientMilli,
            standardVnd: a.standardVnd,
            amountVnd: a.amountVnd,
            note: a.note,
          }
        : {
            groupCode: null,
            coefficientMilli: null,
            standardVnd: null,
            amountVnd: 0,
            note: e.end_month && e.end_month < month ? 'Đã thôi hưởng.' : 'Chưa đến tháng bắt đầu hưởng.',
          },
    };
  });

  const decisions = decisionsOfPerson(store, id);
  const oneOffItems = oneOffItemsOfPerson(store, id);

  const monthlyVnd = [...amounts.values()].reduce((s, a) => s + a.amountVnd, 0);
  // Ended by age or with the cared person: not received this month although the term is active.
  const ended = new Set([...amounts.values()].filter((a) => a.stop).map((a) => a.entitlementId));
  const status = statusOf(
    p,
    entitlements.filter((e) => !ended.has(e.id)),
    month,
    entitlements.length > 0,
  );
  const checks = checkPerson(
    store,
    { fullName: p.full_name, birth, gender: p.gender, citizenId: p.citizen_id ?? '', legacyId: p.legacy_id ?? '' },
    id,
  );
  const warnings: FieldIssue[] = [...checks.errors, ...checks.warnings];
  for (const a of amounts.values()) if (a.stop || a.outOfBand) warnings.push({ path: '', message: a.note });

  return {
    person: {
      id: p.id,
      fullName: p.full_name,
      birthDate: birth,
      birth,
      gender: p.gender,
      citizenId: p.citizen_id ?? '',
      legacyId: p.legacy_id ?? '',
      idIssueDate: p.id_issue_date,
      idIssuePlace: p.id_issue_place ?? '',
      address: p.address,
      neighbourhood: p.neighbourhood ?? '',
      phone: p.phone,
      healthInsuranceNo: p.health_insurance_no ?? '',
      note: p.note,
      deathDate: p.death_date,
      movedAwayDate: p.moved_away_date,
    },
    status,
    entitlements,
    decisions,
    oneOffItems,
    monthlyVnd,
    month,
    warnings,
  };
}

function statusOf(
  p: PersonDetailRow,
  entitlements: EntitlementView[],
  month: Month,
  everEnrolled: boolean,
): PersonStatus {
  if (p.death_date && p.death_date.slice(0, 7) < month) return 'deceased';
  const inPeriod = entitlements.filter((e) => e.startMonth <= month && (!e.endMonth || e.endMonth >= month));
  const status = (e: EntitlementView) => [...e.terms].reverse().find((t) => t.effectiveFrom <= month)?.status;
  if (inPeriod.some((e) => status(e) === 'active')) return 'active';
  if (inPeriod.some((e) => status(e) === 'suspended')) return 'suspended';
  return everEnrolled ? 'stopped' : 'none';
}
