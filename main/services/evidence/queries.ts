import type { Store } from '../../db/store';
import type { EvidenceKind, EvidenceLevel } from '@shared/domain/evidence';

// The evidence area's SQL (issue 16). The review reads the entitlements in force in one month whose term
// is in a group that needs a record (a short IN list), then the evidence of just those people.

export interface EvidenceRow {
  id: number;
  person_id: number;
  kind: EvidenceKind;
  level: EvidenceLevel;
  list_year: number | null;
  issuer: string;
  document_no: string;
  issued_date: string | null;
  valid_until: string | null;
  note: string;
  ended_date: string | null;
  end_reason: string;
  recorded_at: string;
  recorded_by_name: string | null;
}

export type EvidenceWrite = Omit<EvidenceRow, 'id' | 'person_id' | 'recorded_by_name' | 'ended_date' | 'end_reason'> & {
  recorded_by: number | null;
};

export function evidenceOfPeople(store: Store, people: readonly number[]): EvidenceRow[] {
  if (!people.length) return [];
  return store
    .prepare(
      `SELECT v.*, u.full_name AS recorded_by_name FROM eligibility_evidence v LEFT JOIN users u ON u.id = v.recorded_by
       WHERE v.person_id IN (SELECT value FROM json_each(?)) ORDER BY v.person_id, v.kind, v.id`,
    )
    .all(JSON.stringify([...new Set(people)])) as EvidenceRow[];
}

export function evidenceById(store: Store, id: number): EvidenceRow | undefined {
  return store.prepare('SELECT v.*, NULL AS recorded_by_name FROM eligibility_evidence v WHERE v.id = ?').get(id) as
    EvidenceRow | undefined;
}

export function personOf(
  store: Store,
  id: number,
): { id: number; full_name: string; death_date: string | null; moved_away_date: string | null } | undefined {
  return store.prepare('SELECT id, full_name, death_date, moved_away_date FROM people WHERE id = ?').get(id) as
    { id: number; full_name: string; death_date: string | null; moved_away_date: string | null } | undefined;
}

export function insertEvidence(store: Store, personId: number, row: EvidenceWrite & { kind: EvidenceKind }): number {
  return Number(
    store
      .prepare(
        `INSERT INTO eligibility_evidence (person_id, kind, level, list_year, issuer, document_no, issued_date, valid_until, note, recorded_at, recorded_by)
         VALUES (@person_id, @kind, @level, @list_year, @issuer, @document_no, @issued_date, @valid_until, @note, @recorded_at, @recorded_by)`,
      )
      .run({ ...row, person_id: personId }).lastInsertRowid,
  );
}

export function updateEvidence(store: Store, id: number, row: EvidenceWrite): void {
  store
    .prepare(
      `UPDATE eligibility_evidence SET kind = @kind, level = @level, list_year = @list_year, issuer = @issuer, document_no = @document_no,
       issued_date = @issued_date, valid_until = @valid_until, note = @note, recorded_at = @recorded_at, recorded_by = @recorded_by WHERE id = @id`,
    )
    .run({ ...row, id });
}

export function endEvidence(store: Store, id: number, endedDate: string, reason: string): void {
  store
    .prepare('UPDATE eligibility_evidence SET ended_date = ?, end_reason = ? WHERE id = ?')
    .run(endedDate, reason, id);
}

export interface CurrentEntitlementRow {
  personId: number;
  fullName: string;
  birthDate: string | null;
  birthPrecision: 'day' | 'year' | 'unknown';
  neighbourhood: string;
  entitlementId: number;
  programme: string;
  programmeName: string;
  groupCode: string;
  groupLabel: string;
  status: 'active' | 'suspended';
  caredPersonId: number | null;
  caredName: string | null;
  caredBirthDate: string | null;
  caredBirthPrecision: 'day' | 'year' | 'unknown' | null;
}

/**
 * Entitlements in force in `month` (active or suspended) of living, resident people, with the term in
 * force then, whose group is one of `groups` (all groups when null); one person only when `personId`.
 * Lean on purpose (the review reads every such row of the register): names of programmes, groups and
 * neighbourhoods come from small maps, the cared people from a second query over the few care rows.
 */
export function currentEntitlements(
  store: Store,
  month: string,
  groups: readonly string[] | null,
  personId: number | null = null,
): CurrentEntitlementRow[] {
  const rows = store
    .prepare(
      `SELECT p.id AS personId, p.full_name AS fullName, p.birth_date AS birthDate, p.birth_precision AS birthPrecision,
              p.neighbourhood_id AS neighbourhoodId, e.id AS entitlementId, e.programme_code AS programme,
              t.group_code AS groupCode, t.status, e.cared_person_id AS caredPersonId
       FROM entitlements e
       JOIN entitlement_terms t ON t.entitlement_id = e.id
        AND t.effective_from = (SELECT MAX(t2.effective_from) FROM entitlement_terms t2 WHERE t2.entitlement_id = e.id AND t2.effective_from <= @month)
       JOIN people p ON p.id = e.person_id
       WHERE e.start_month <= @month AND (e.end_month IS NULL OR e.end_month >= @month)
         AND t.status IN ('active', 'suspended') AND t.group_code IS NOT NULL
         AND p.death_date IS NULL AND p.moved_away_date IS NULL
         AND (@groups IS NULL OR t.group_code IN (SELECT value FROM json_each(@groups)))
         AND (@person IS NULL OR e.person_id = @person)
       ORDER BY p.sort_key, p.id, e.id`,
    )
    .all({ month, groups: groups ? JSON.stringify(groups) : null, person: personId }) as Array<
    Omit<
      CurrentEntitlementRow,
      'neighbourhood' | 'programmeName' | 'groupLabel' | 'caredName' | 'caredBirthDate' | 'caredBirthPrecision'
    > & {
      neighbourhoodId: number | null;
    }
  >;
  const names = <K extends string | number>(sql: string) =>
    new Map((store.prepare(sql).all() as Array<{ k: K; v: string }>).map((r) => [r.k, r.v]));
  const neighbourhoods = names<number>('SELECT id AS k, name AS v FROM neighbourhoods');
  const programmes = names<string>('SELECT code AS k, name_vi AS v FROM programmes');
  const labels = names<string>('SELECT code AS k, label_vi AS v FROM allowance_groups');
  const caredIds = [...new Set(rows.map((r) => r.caredPersonId).filter((id): id is number => id !== null))];
  const cared = new Map(
    (caredIds.length
      ? (store
          .prepare(
            'SELECT id, full_name, birth_date, birth_precision FROM people WHERE id IN (SELECT value FROM json_each(?))',
          )
          .all(JSON.stringify(caredIds)) as Array<{
          id: number;
          full_name: string;
          birth_date: string | null;
          birth_precision: 'day' | 'year' | 'unknown';
        }>)
      : []
    ).map((c) => [c.id, c]),
  );
  const order = new Map(['BTXH', 'BTXH_CARE', 'NCC', 'HTXH'].map((p, i) => [p, i]));
  const out = rows.map(({ neighbourhoodId, ...r }) => {
    const c = r.caredPersonId === null ? undefined : cared.get(r.caredPersonId);
    return {
      ...r,
      neighbourhood: (neighbourhoodId !== null && neighbourhoods.get(neighbourhoodId)) || '',
      programmeName: programmes.get(r.programme) ?? r.programme,
      groupLabel: labels.get(r.groupCode) ?? '',
      caredName: c?.full_name ?? null,
      caredBirthDate: c?.birth_date ?? null,
      caredBirthPrecision: c?.birth_precision ?? null,
    };
  });
  // A person's programmes in the app's order (the query sorted by person, then entitlement id).
  return personId === null
    ? out
    : out.sort(
        (a, b) => (order.get(a.programme) ?? 9) - (order.get(b.programme) ?? 9) || a.entitlementId - b.entitlementId,
      );
}

/**
 * The poor / near-poor household recorded on the decisions of these entitlements (the social pension's
 * grant from 70 to under 75 asks for it: decisions.household_poverty, household_list_year), the latest
 * list year of each entitlement: the review counts it as a household fact.
 */
export function decisionHouseholds(
  store: Store,
  entitlementIds: readonly number[],
): Array<{ entitlementId: number; decisionId: number; level: 'poor' | 'near_poor'; listYear: number }> {
  if (!entitlementIds.length) return [];
  return store
    .prepare(
      `SELECT entitlement_id AS entitlementId, id AS decisionId, household_poverty AS level, household_list_year AS listYear
       FROM decisions WHERE entitlement_id IN (SELECT value FROM json_each(?))
         AND household_poverty IS NOT NULL AND household_list_year IS NOT NULL ORDER BY entitlement_id, household_list_year, id`,
    )
    .all(JSON.stringify(entitlementIds)) as Array<{
    entitlementId: number;
    decisionId: number;
    level: 'poor' | 'near_poor';
    listYear: number;
  }>;
}

export interface GroupRow {
  code: string;
  programme: string;
  clause: string;
  family: string;
  ageMin: number | null;
  ageMax: number | null;
  label: string;
}

export function allGroups(store: Store): GroupRow[] {
  return store
    .prepare(
      `SELECT code, programme_code AS programme, clause, family, age_min AS ageMin, age_max AS ageMax, label_vi AS label
       FROM allowance_groups ORDER BY sort_order`,
    )
    .all() as GroupRow[];
}

// Facts of current beneficiaries whose last valid day falls in a window, not ended, not a household
// recorded as off the list, and not followed by a later fact of the same kind (read from the valid_until index; the to-do runs after every write).
const EXPIRING_FROM = `
FROM eligibility_evidence v INDEXED BY eligibility_evidence_valid_until
JOIN people p ON p.id = v.person_id
WHERE v.ended_date IS NULL AND v.valid_until IS NOT NULL AND v.valid_until BETWEEN @from AND @to AND v.level <> 'none'
  AND p.death_date IS NULL AND p.moved_away_date IS NULL
  AND EXISTS (SELECT 1 FROM register_summary s WHERE s.person_id = p.id AND s.status IN ('active', 'suspended'))
  AND NOT EXISTS (SELECT 1 FROM eligibility_evidence w WHERE w.person_id = v.person_id AND w.kind = v.kind AND w.ended_date IS NULL
                  AND (w.valid_until IS NULL OR w.valid_until > v.valid_until))`;

export function expiringEvidence(
  store: Store,
  from: string,
  to: string,
  limit: number,
): Array<{ personId: number; fullName: string; kind: EvidenceKind; validUntil: string }> {
  return store
    .prepare(
      `SELECT p.id AS personId, p.full_name AS fullName, v.kind, v.valid_until AS validUntil ${EXPIRING_FROM}
       ORDER BY v.valid_until LIMIT @limit`,
    )
    .all({ from, to, limit }) as Array<{ personId: number; fullName: string; kind: EvidenceKind; validUntil: string }>;
}

export function countExpiringEvidence(store: Store, from: string, to: string, cap: number): number {
  return (
    store.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 ${EXPIRING_FROM} LIMIT @cap)`).get({ from, to, cap }) as {
      n: number;
    }
  ).n;
}
