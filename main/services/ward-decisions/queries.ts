import type { Store } from '../../db/store';
import type {
  SignerRole,
  WardDecisionCandidate,
  WardDecisionKind,
  WardDecisionLink,
  WardDecisionView,
} from '@shared/api/ward-decisions';
import { WARD_DECIDED_PROGRAMMES } from '@shared/api/ward-decisions';

// SQL of the ward's register of decisions (migration 013). Writes run in the caller's transaction.

/** A voided draft keeps status 'draft' in its row (the signed check stays simple); the view says 'voided'. */
const STATUS = `CASE WHEN w.voided_at IS NOT NULL THEN 'voided' ELSE w.status END`;

const VIEW_COLUMNS = `w.id, w.year, w.seq, w.symbol, w.draft_date AS draftDate, w.programme_code AS programme, w.kind, w.subject,
  ${STATUS} AS status, w.signer_role AS signerRole, w.signed_number AS signedNumber, w.signed_date AS signedDate, w.void_reason AS voidReason,
  (SELECT count(*) FROM ward_decision_items i WHERE i.ward_decision_id = w.id) AS count,
  coalesce((SELECT p.full_name FROM ward_decision_items i JOIN decisions d ON d.id = i.decision_id JOIN people p ON p.id = d.person_id
            WHERE i.ward_decision_id = w.id ORDER BY i.line_no LIMIT 1), '') AS firstName`;

const WARD_PROGRAMMES_SQL = WARD_DECIDED_PROGRAMMES.map((p) => `'${p}'`).join(', ');

export function wardDecisionView(store: Store, id: number): WardDecisionView | undefined {
  return store.prepare(`SELECT ${VIEW_COLUMNS} FROM ward_decisions w WHERE w.id = ?`).get(id) as
    WardDecisionView | undefined;
}

export function wardDecisionsOfYear(store: Store, year: number): WardDecisionView[] {
  return store
    .prepare(`SELECT ${VIEW_COLUMNS} FROM ward_decisions w WHERE w.year = ? ORDER BY w.seq DESC`)
    .all(year) as WardDecisionView[];
}

/** The year's next number. Called inside the write transaction, so two drafts cannot take the same one. */
export function nextSeq(store: Store, year: number): number {
  return store
    .prepare('SELECT coalesce(max(seq), 0) + 1 FROM ward_decisions WHERE year = ?')
    .pluck()
    .get(year) as number;
}

export interface NewWardDecision {
  year: number;
  seq: number;
  symbol: string;
  draftDate: string;
  programme: string;
  kind: WardDecisionKind;
  subject: string;
  signerRole: SignerRole;
  createdAt: string;
  createdBy: number | null;
}

export function insertWardDecision(store: Store, w: NewWardDecision, decisionIds: readonly number[]): number {
  const id = Number(
    store
      .prepare(
        `INSERT INTO ward_decisions (year, seq, symbol, draft_date, programme_code, kind, subject, status, signer_role, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
      )
      .run(w.year, w.seq, w.symbol, w.draftDate, w.programme, w.kind, w.subject, w.signerRole, w.createdAt, w.createdBy)
      .lastInsertRowid,
  );
  const item = store.prepare(
    'INSERT INTO ward_decision_items (ward_decision_id, decision_id, line_no) VALUES (?, ?, ?)',
  );
  decisionIds.forEach((d, i) => item.run(id, d, i + 1));
  return id;
}

export interface RegisterDecisionRow {
  id: number;
  personId: number;
  programme: string;
  kind: WardDecisionKind;
  number: string;
  signedDate: string | null;
  coveredBy: string | null;
  fullName: string;
  gender: 'male' | 'female' | null;
}

export function registerDecisions(store: Store, ids: readonly number[]): RegisterDecisionRow[] {
  const get = store.prepare(
    `SELECT d.id, d.person_id AS personId, d.programme_code AS programme, d.kind, d.number, d.signed_date AS signedDate,
            w.symbol AS coveredBy, p.full_name AS fullName, p.gender
     FROM decisions d JOIN people p ON p.id = d.person_id
     LEFT JOIN ward_decision_items i ON i.decision_id = d.id AND i.released = 0 LEFT JOIN ward_decisions w ON w.id = i.ward_decision_id
     WHERE d.id = ?`,
  );
  return ids
    .map((id) => get.get(id) as RegisterDecisionRow | undefined)
    .filter((r): r is RegisterDecisionRow => r !== undefined);
}

export function candidates(store: Store): WardDecisionCandidate[] {
  return store
    .prepare(
      `SELECT d.id AS decisionId, d.person_id AS personId, p.full_name AS fullName, d.programme_code AS programme, d.kind,
              d.effective_month AS effectiveMonth, d.number
       FROM decisions d JOIN people p ON p.id = d.person_id
       WHERE d.programme_code IN (${WARD_PROGRAMMES_SQL})
         AND NOT EXISTS (SELECT 1 FROM ward_decision_items i WHERE i.decision_id = d.id AND i.released = 0)
       ORDER BY d.id DESC LIMIT 1000`,
    )
    .all() as WardDecisionCandidate[];
}

export function linksForPerson(store: Store, personId: number): WardDecisionLink[] {
  return store
    .prepare(
      `SELECT i.decision_id AS decisionId, w.id AS wardDecisionId, w.symbol, ${STATUS} AS status, w.signed_number AS signedNumber, w.signed_date AS signedDate
       FROM decisions d JOIN ward_decision_items i ON i.decision_id = d.id JOIN ward_decisions w ON w.id = i.ward_decision_id
       WHERE d.person_id = ? ORDER BY d.id, w.id`,
    )
    .all(personId) as WardDecisionLink[];
}

/** One person's line of a ward decision, as the draft and its lists print it. */
export interface ItemRow {
  lineNo: number;
  decisionId: number;
  personId: number;
  entitlementId: number | null;
  fullName: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  birthPrecision: 'day' | 'year' | 'unknown';
  birthYear: number | null;
  address: string;
  neighbourhood: string;
  effectiveMonth: string;
  reason: string;
  number: string;
  signedDate: string | null;
  groupCode: string | null;
  groupLabel: string;
}

export function itemsOf(store: Store, wardDecisionId: number): ItemRow[] {
  return store
    .prepare(
      `SELECT i.line_no AS lineNo, d.id AS decisionId, d.person_id AS personId, d.entitlement_id AS entitlementId, p.full_name AS fullName,
              p.gender, p.birth_date AS birthDate, p.birth_precision AS birthPrecision, p.birth_year AS birthYear, p.address,
              coalesce(n.name, '') AS neighbourhood, d.effective_month AS effectiveMonth, d.reason, d.number, d.signed_date AS signedDate,
              t.group_code AS groupCode, coalesce(g.label_vi, '') AS groupLabel
       FROM ward_decision_items i
       JOIN decisions d ON d.id = i.decision_id
       JOIN people p ON p.id = d.person_id
       LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id
       LEFT JOIN entitlement_terms t ON t.id = (SELECT max(t2.id) FROM entitlement_terms t2 WHERE t2.decision_id = d.id)
       LEFT JOIN allowance_groups g ON g.code = t.group_code
       WHERE i.ward_decision_id = ? ORDER BY i.line_no`,
    )
    .all(wardDecisionId) as ItemRow[];
}

export function markSigned(
  store: Store,
  id: number,
  number: string,
  date: string,
  signer: string,
  at: string,
  by: number | null,
): void {
  store
    .prepare(
      `UPDATE ward_decisions SET status = 'signed', signed_number = ?, signed_date = ?, signer = ?, signed_at = ?, signed_by = ?
       WHERE id = ? AND status = 'draft' AND voided_at IS NULL`,
    )
    .run(number, date, signer, at, by, id);
}

/** Voids a draft and releases the register decisions it covered (the trigger allows nothing else). */
export function voidDraft(store: Store, id: number, reason: string, at: string, by: number | null): void {
  store
    .prepare(
      `UPDATE ward_decisions SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND status = 'draft' AND voided_at IS NULL`,
    )
    .run(at, by, reason, id);
  store.prepare('UPDATE ward_decision_items SET released = 1 WHERE ward_decision_id = ? AND released = 0').run(id);
}

/** The signed number and date written back on the register decisions the ward decision covers. */
export function writeBackSigned(
  store: Store,
  wardDecisionId: number,
  number: string,
  date: string,
  signer: string,
): number {
  return store
    .prepare(
      `UPDATE decisions SET number = ?, signed_date = ?, signer = CASE WHEN ? = '' THEN signer ELSE ? END
       WHERE id IN (SELECT decision_id FROM ward_decision_items WHERE ward_decision_id = ?)`,
    )
    .run(number, date, signer, signer, wardDecisionId).changes;
}

export const programmeName = (store: Store, code: string): string =>
  (store.prepare('SELECT name_vi FROM programmes WHERE code = ?').pluck().get(code) as string | undefined) ?? code;
