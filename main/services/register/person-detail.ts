import { ApiError, type FieldIssue } from '@shared/api/errors';
import type {
  DecisionView,
  EntitlementView,
  OneOffView,
  PersonDetail,
  PersonStatus,
  TermView,
} from '@shared/api/register';
import type { BirthDate, Month } from '@shared/domain/dates';
import type { Store } from '../../db/store';
import { birthOf, computeAmounts, loadReference, loadStates } from './amounts';
import { checkPerson } from './people';

// Everything the person page shows: identity, entitlements with their terms (the timeline), decisions,
// one-off items, this month's amounts and data-quality notes.

interface PersonRowDb {
  id: number;
  full_name: string;
  birth_date: string | null;
  birth_precision: 'day' | 'year' | 'unknown';
  gender: 'male' | 'female' | null;
  citizen_id: string | null;
  legacy_id: string | null;
  id_issue_date: string | null;
  id_issue_place: string | null;
  address: string;
  neighbourhood: string | null;
  phone: string;
  health_insurance_no: string | null;
  note: string;
  death_date: string | null;
  moved_away_date: string | null;
}

export function personDetail(store: Store, id: number, month: Month): PersonDetail {
  const p = store
    .prepare(
      `SELECT p.*, n.name AS neighbourhood FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?`,
    )
    .get(id) as PersonRowDb | undefined;
  if (!p) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const birth: BirthDate | null = birthOf({ birthDate: p.birth_date, birthPrecision: p.birth_precision });

  const ref = loadReference(store);
  const amounts = new Map(computeAmounts(ref, loadStates(store, month, [id]), month).map((a) => [a.entitlementId, a]));
  const entitlementRows = store
    .prepare(
      'SELECT id, programme_code, start_month, end_month, cared_person_id FROM entitlements WHERE person_id = ? ORDER BY start_month, id',
    )
    .all(id) as Array<{
    id: number;
    programme_code: EntitlementView['programme'];
    start_month: string;
    end_month: string | null;
    cared_person_id: number | null;
  }>;
  const termRows = store
    .prepare(
      `SELECT t.id, t.entitlement_id, t.effective_from, t.status, t.group_code, t.multiplier, t.category_label, t.decision_id
     FROM entitlement_terms t JOIN entitlements e ON e.id = t.entitlement_id WHERE e.person_id = ? ORDER BY t.effective_from`,
    )
    .all(id) as Array<{
    id: number;
    entitlement_id: number;
    effective_from: string;
    status: TermView['status'];
    group_code: string | null;
    multiplier: number;
    category_label: string;
    decision_id: number;
  }>;
  const components = store.prepare(
    'SELECT kind, label_vi AS label, amount_vnd AS amountVnd FROM term_components WHERE term_id = ?',
  );

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
          components: components.all(t.id) as TermView['components'],
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

  const decisions = store
    .prepare(
      `SELECT id, entitlement_id AS entitlementId, programme_code AS programme, kind, number, signed_date AS signedDate, signer,
            effective_month AS effectiveMonth, reason, eligibility_reason AS eligibilityReason,
            household_poverty AS household, household_list_year AS householdListYear FROM decisions WHERE person_id = ? ORDER BY effective_month, id`,
    )
    .all(id) as DecisionView[];
  const oneOffItems = store
    .prepare(
      `SELECT id, kind, amount_vnd AS amountVnd, due_month AS dueMonth, payee_name AS payeeName, note FROM one_off_items
     WHERE person_id = ? AND superseded = 0 ORDER BY due_month, id`,
    )
    .all(id) as OneOffView[];

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

function statusOf(p: PersonRowDb, entitlements: EntitlementView[], month: Month, everEnrolled: boolean): PersonStatus {
  if (p.death_date && p.death_date.slice(0, 7) < month) return 'deceased';
  const inPeriod = entitlements.filter((e) => e.startMonth <= month && (!e.endMonth || e.endMonth >= month));
  const status = (e: EntitlementView) => [...e.terms].reverse().find((t) => t.effectiveFrom <= month)?.status;
  if (inPeriod.some((e) => status(e) === 'active')) return 'active';
  if (inPeriod.some((e) => status(e) === 'suspended')) return 'suspended';
  return everEnrolled ? 'stopped' : 'none';
}
