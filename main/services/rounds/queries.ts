import type { Selectable } from 'kysely';
import type { Store } from '../../db/store';
import type { BanksTable } from '../../db/schema';
import type { PayoutMethodCode } from '@shared/api/register';
import type { PersonRoundRow, RoundAdjustmentView, RoundLineView, RoundOptions, RoundView } from '@shared/api/rounds';
import type { ReviewState } from '@shared/api/payroll';
import type { RoundLineStatus } from '@shared/api/round-results';
import type { RoundAdjustment, RoundCandidate, RoundRule } from '@shared/domain/rounds';
import { maskIdentifier } from '@shared/domain/masking';
import { foldForSearch } from '@shared/domain/text';

// SQL of one-off rounds (migration 019). Writes run in the caller's transaction.

const VIEW_SQL = `
SELECT r.id, r.name, r.basis_number AS basisNumber, r.basis_date AS basisDate, r.basis_issuer AS basisIssuer,
       r.round_date AS roundDate, r.review_state AS review, r.line_count AS lineCount, r.total_vnd AS totalVnd,
       r.created_at AS createdAt, coalesce(uc.full_name, '') AS createdBy,
       r.submitted_at AS submittedAt, us.full_name AS submittedBy,
       r.return_comment AS returnComment, r.returned_at AS returnedAt, ur.full_name AS returnedBy,
       r.approved_at AS approvedAt, ua.full_name AS approvedBy
FROM rounds r
LEFT JOIN users uc ON uc.id = r.created_by
LEFT JOIN users us ON us.id = r.submitted_by
LEFT JOIN users ur ON ur.id = r.returned_by
LEFT JOIN users ua ON ua.id = r.approved_by`;

export function roundView(store: Store, id: number): RoundView | undefined {
  return store.prepare(`${VIEW_SQL} WHERE r.id = ?`).get(id) as RoundView | undefined;
}

export function listRounds(store: Store): RoundView[] {
  return store.prepare(`${VIEW_SQL} ORDER BY r.round_date DESC, r.id DESC`).all() as RoundView[];
}

export function roundsIn(store: Store, states: readonly ReviewState[]): RoundView[] {
  return store
    .prepare(`${VIEW_SQL} WHERE r.review_state IN (SELECT value FROM json_each(?)) ORDER BY r.id`)
    .all(JSON.stringify(states)) as RoundView[];
}

export interface RoundRow {
  id: number;
  basis_key: string;
  round_date: string;
  status: 'draft' | 'approved';
  review_state: ReviewState;
  line_count: number;
  total_vnd: number;
  submitted_audit_seq: number | null;
  already_in_basis: number;
}

export function roundRow(store: Store, id: number): RoundRow | undefined {
  return store
    .prepare(
      'SELECT id, basis_key, round_date, status, review_state, line_count, total_vnd, submitted_audit_seq, already_in_basis FROM rounds WHERE id = ?',
    )
    .get(id) as RoundRow | undefined;
}

export interface NewRound {
  name: string;
  basisNumber: string;
  basisDate: string;
  basisIssuer: string;
  basisKey: string;
  roundDate: string;
  at: string;
  by: number | null;
}

export function insertRound(store: Store, r: NewRound): number {
  return Number(
    store
      .prepare(
        `INSERT INTO rounds (name, basis_number, basis_date, basis_issuer, basis_key, round_date, created_at, created_by, built_at)
         VALUES (@name, @basisNumber, @basisDate, @basisIssuer, @basisKey, @roundDate, @at, @by, @at)`,
      )
      .run(r).lastInsertRowid,
  );
}

export interface StoredRule extends RoundRule {
  label: string;
}

export function insertRules(store: Store, roundId: number, rules: readonly StoredRule[]): void {
  const insert = store.prepare(
    'INSERT INTO round_rules (round_id, rule_no, label, programme_code, groups_json, categories_json, amount_vnd) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of rules)
    insert.run(
      roundId,
      r.ruleNo,
      r.label,
      r.programme,
      JSON.stringify(r.groups),
      JSON.stringify(r.categories),
      r.amountVnd,
    );
}

export function rulesOf(store: Store, roundId: number): StoredRule[] {
  const rows = store
    .prepare(
      'SELECT rule_no, label, programme_code, groups_json, categories_json, amount_vnd FROM round_rules WHERE round_id = ? ORDER BY rule_no',
    )
    .all(roundId) as Array<{
    rule_no: number;
    label: string;
    programme_code: string;
    groups_json: string;
    categories_json: string;
    amount_vnd: number;
  }>;
  return rows.map((r) => ({
    ruleNo: r.rule_no,
    label: r.label,
    programme: r.programme_code,
    groups: JSON.parse(r.groups_json) as string[],
    categories: JSON.parse(r.categories_json) as string[],
    amountVnd: r.amount_vnd,
  }));
}

export function adjustmentsOf(store: Store, roundId: number): Array<RoundAdjustment & { reason: string }> {
  const rows = store
    .prepare(
      'SELECT person_id, kind, programme_code, amount_vnd, reason FROM round_adjustments WHERE round_id = ? ORDER BY id',
    )
    .all(roundId) as Array<{
    person_id: number;
    kind: 'add' | 'remove';
    programme_code: string | null;
    amount_vnd: number | null;
    reason: string;
  }>;
  return rows.map((r) =>
    r.kind === 'add'
      ? { kind: 'add', personId: r.person_id, programme: r.programme_code!, amountVnd: r.amount_vnd!, reason: r.reason }
      : { kind: 'remove', personId: r.person_id, reason: r.reason },
  );
}

export function adjustmentViews(store: Store, roundId: number): RoundAdjustmentView[] {
  return store
    .prepare(
      `SELECT a.person_id AS personId, p.full_name AS fullName, a.kind, a.programme_code AS programme, a.amount_vnd AS amountVnd, a.reason, a.created_at AS createdAt
       FROM round_adjustments a JOIN people p ON p.id = a.person_id WHERE a.round_id = ? ORDER BY a.id`,
    )
    .all(roundId) as RoundAdjustmentView[];
}

export function saveAdjustment(
  store: Store,
  roundId: number,
  a: RoundAdjustment & { reason: string },
  at: string,
  by: number | null,
): void {
  store.prepare('DELETE FROM round_adjustments WHERE round_id = ? AND person_id = ?').run(roundId, a.personId);
  store
    .prepare(
      'INSERT INTO round_adjustments (round_id, person_id, kind, programme_code, amount_vnd, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      roundId,
      a.personId,
      a.kind,
      a.kind === 'add' ? a.programme : null,
      a.kind === 'add' ? a.amountVnd : null,
      a.reason,
      at,
      by,
    );
}

export function deleteAdjustment(store: Store, roundId: number, personId: number): number {
  return store.prepare('DELETE FROM round_adjustments WHERE round_id = ? AND person_id = ?').run(roundId, personId)
    .changes;
}

export interface CandidateRow extends RoundCandidate {
  groupLabel: string;
}

/**
 * Entitlements of the rules' programmes active in the round date's month, of people alive and living in
 * the ward on that date (someone who died or moved away on the date itself is not picked).
 */
export function candidates(
  store: Store,
  programmes: readonly string[],
  date: string,
  personId?: number,
): CandidateRow[] {
  const month = date.slice(0, 7);
  return store
    .prepare(
      `SELECT e.person_id AS personId, e.programme_code AS programme, t.group_code AS groupCode,
              nullif(g.family, '') AS groupFamily, t.category_label AS categoryLabel, coalesce(g.label_vi, '') AS groupLabel
       FROM entitlements e
       JOIN entitlement_terms t ON t.id = (SELECT t2.id FROM entitlement_terms t2 WHERE t2.entitlement_id = e.id AND t2.effective_from <= @month
                                           ORDER BY t2.effective_from DESC LIMIT 1)
       JOIN people p ON p.id = e.person_id
       LEFT JOIN allowance_groups g ON g.code = t.group_code
       WHERE e.programme_code IN (SELECT value FROM json_each(@programmes))
         AND e.start_month <= @month AND (e.end_month IS NULL OR e.end_month >= @month)
         AND t.status = 'active'
         AND (p.death_date IS NULL OR p.death_date > @date)
         AND (p.moved_away_date IS NULL OR p.moved_away_date > @date)
         AND (@person IS NULL OR e.person_id = @person)
       ORDER BY e.person_id, e.id`,
    )
    .all({ month, date, programmes: JSON.stringify(programmes), person: personId ?? null }) as CandidateRow[];
}

/** People in another round of the same legal basis (draft or approved): not picked again. */
export function inOtherRounds(store: Store, basisKey: string, roundId: number): Set<number> {
  return new Set(
    store
      .prepare('SELECT person_id FROM round_lines WHERE basis_key = ? AND round_id <> ?')
      .pluck()
      .all(basisKey, roundId) as number[],
  );
}

export function otherRoundOf(store: Store, basisKey: string, roundId: number, personId: number): string | undefined {
  return store
    .prepare(
      'SELECT r.name FROM round_lines l JOIN rounds r ON r.id = l.round_id WHERE l.basis_key = ? AND l.round_id <> ? AND l.person_id = ?',
    )
    .pluck()
    .get(basisKey, roundId, personId) as string | undefined;
}

export interface PersonFacts {
  id: number;
  full_name: string;
  birth_date: string | null;
  birth_precision: 'day' | 'year' | 'unknown';
  citizen_id: string | null;
  address: string;
  neighbourhood: string | null;
  sort_key: string;
  death_date: string | null;
  moved_away_date: string | null;
}

export function peopleFacts(store: Store, ids: readonly number[]): Map<number, PersonFacts> {
  const rows = store
    .prepare(
      `SELECT p.id, p.full_name, p.birth_date, p.birth_precision, p.citizen_id, p.address, n.name AS neighbourhood, p.sort_key, p.death_date, p.moved_away_date
       FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as PersonFacts[];
  return new Map(rows.map((r) => [r.id, r]));
}

export interface LineInsert {
  lineNo: number;
  personId: number;
  programme: string;
  ruleNo: number | null;
  amountVnd: number;
  fullName: string;
  birthText: string;
  citizenId: string | null;
  neighbourhood: string;
  address: string;
  groupCode: string | null;
  groupLabel: string;
  method: PayoutMethodCode;
  bankCode: string | null;
  branch: string | null;
  accountNumber: string | null;
  holderName: string | null;
  authorizationId: number | null;
  receiverName: string | null;
  note: string;
}

/** Replaces a draft round's lines and its totals. */
export function replaceLines(
  store: Store,
  roundId: number,
  basisKey: string,
  lines: readonly LineInsert[],
  alreadyInBasis: number,
  at: string,
): void {
  store.prepare('DELETE FROM round_lines WHERE round_id = ?').run(roundId);
  const total = insertLines(store, roundId, basisKey, lines);
  store
    .prepare('UPDATE rounds SET line_count = ?, total_vnd = ?, already_in_basis = ?, built_at = ? WHERE id = ?')
    .run(lines.length, total, alreadyInBasis, at, roundId);
}

function insertLines(store: Store, roundId: number, basisKey: string, lines: readonly LineInsert[]): number {
  // Positional values: no object copied per line (a round may list the whole register).
  const insert = store.prepare(
    `INSERT INTO round_lines (round_id, basis_key, line_no, person_id, programme_code, rule_no, amount_vnd, full_name, birth_text, citizen_id,
       neighbourhood_name, address, group_code, group_label, method, bank_code, branch, account_number, holder_name, authorization_id, receiver_name, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let total = 0;
  for (const l of lines) {
    insert.run(
      roundId,
      basisKey,
      l.lineNo,
      l.personId,
      l.programme,
      l.ruleNo,
      l.amountVnd,
      l.fullName,
      l.birthText,
      l.citizenId,
      l.neighbourhood,
      l.address,
      l.groupCode,
      l.groupLabel,
      l.method,
      l.bankCode,
      l.branch,
      l.accountNumber,
      l.holderName,
      l.authorizationId,
      l.receiverName,
      l.note,
    );
    total += l.amountVnd;
  }
  return total;
}

/** Replaces one person's line of a draft round (kept number, or the next one) and updates the totals. */
export function replacePersonLine(
  store: Store,
  roundId: number,
  basisKey: string,
  personId: number,
  line: LineInsert | undefined,
  at: string,
): void {
  const old = store
    .prepare('SELECT line_no FROM round_lines WHERE round_id = ? AND person_id = ?')
    .pluck()
    .get(roundId, personId) as number | undefined;
  store.prepare('DELETE FROM round_lines WHERE round_id = ? AND person_id = ?').run(roundId, personId);
  if (line) {
    const next =
      old ??
      (store
        .prepare('SELECT coalesce(max(line_no), 0) + 1 FROM round_lines WHERE round_id = ?')
        .pluck()
        .get(roundId) as number);
    insertLines(store, roundId, basisKey, [{ ...line, lineNo: next }]);
  }
  const t = lineTotals(store, roundId);
  store
    .prepare('UPDATE rounds SET line_count = ?, total_vnd = ?, built_at = ? WHERE id = ?')
    .run(t.count, t.totalVnd, at, roundId);
}

export interface StoredLine {
  id: number;
  line_no: number;
  person_id: number;
  programme_code: string;
  rule_no: number | null;
  amount_vnd: number;
  full_name: string;
  birth_text: string;
  citizen_id: string | null;
  neighbourhood_name: string;
  address: string;
  group_code: string | null;
  group_label: string;
  method: PayoutMethodCode;
  bank_code: string | null;
  branch: string | null;
  account_number: string | null;
  holder_name: string | null;
  receiver_name: string | null;
  note: string;
}

const LINE_COLUMNS = `id, line_no, person_id, programme_code, rule_no, amount_vnd, full_name, birth_text, citizen_id, neighbourhood_name, address,
       group_code, group_label, method, bank_code, branch, account_number, holder_name, receiver_name, note`;

function pageOfLines(store: Store, roundId: number, offset: number, limit: number): StoredLine[] {
  return store
    .prepare(`SELECT ${LINE_COLUMNS} FROM round_lines WHERE round_id = ? ORDER BY line_no LIMIT ? OFFSET ?`)
    .all(roundId, limit, offset) as StoredLine[];
}

export function lineTotals(store: Store, roundId: number): { count: number; totalVnd: number } {
  return store
    .prepare('SELECT count(*) AS count, coalesce(sum(amount_vnd), 0) AS totalVnd FROM round_lines WHERE round_id = ?')
    .get(roundId) as { count: number; totalVnd: number };
}

/** Count and amount of a round's lines grouped by one column (rule, method, neighbourhood, bank of account lines). */
export function lineGroups(
  store: Store,
  roundId: number,
  column: 'rule_no' | 'method' | 'neighbourhood_name' | 'bank_code',
  accountLinesOnly = false,
): Array<{ key: string | number | null; count: number; amountVnd: number }> {
  const only = accountLinesOnly
    ? " AND method IN ('OWN_ACCOUNT','AUTHORIZED_ACCOUNT') AND bank_code IS NOT NULL AND account_number IS NOT NULL"
    : '';
  return store
    .prepare(
      `SELECT ${column} AS key, count(*) AS count, sum(amount_vnd) AS amountVnd FROM round_lines WHERE round_id = ?${only} GROUP BY ${column}`,
    )
    .all(roundId) as Array<{ key: string | number | null; count: number; amountVnd: number }>;
}

export function personLine(store: Store, roundId: number, personId: number): StoredLine | undefined {
  return store
    .prepare(`SELECT ${LINE_COLUMNS} FROM round_lines WHERE round_id = ? AND person_id = ?`)
    .get(roundId, personId) as StoredLine | undefined;
}

export function storedLines(store: Store, roundId: number): StoredLine[] {
  return store
    .prepare(
      `SELECT id, line_no, person_id, programme_code, rule_no, amount_vnd, full_name, birth_text, citizen_id, neighbourhood_name, address,
              group_code, group_label, method, bank_code, branch, account_number, holder_name, receiver_name, note
       FROM round_lines WHERE round_id = ? ORDER BY line_no`,
    )
    .all(roundId) as StoredLine[];
}

export function lineViews(
  store: Store,
  roundId: number,
  textFilter: string,
  offset: number,
  limit: number,
): { total: number; rows: RoundLineView[] } {
  const q = foldForSearch(textFilter);
  // Without a search, one page straight from SQL (a round may list the whole register).
  const all = q ? storedLines(store, roundId) : pageOfLines(store, roundId, offset, limit);
  if (!q) offset = 0;
  const picked = q
    ? all.filter(
        (l) =>
          foldForSearch(`${l.full_name} ${l.neighbourhood_name} ${l.group_label}`).includes(q) ||
          (l.citizen_id ?? '') === q ||
          (l.account_number ?? '') === q,
      )
    : all;
  return {
    total: q ? picked.length : lineTotals(store, roundId).count,
    rows: picked.slice(offset, offset + limit).map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      personId: l.person_id,
      fullName: l.full_name,
      birthText: l.birth_text,
      citizenId: maskIdentifier(l.citizen_id),
      neighbourhood: l.neighbourhood_name,
      address: l.address,
      programme: l.programme_code,
      groupLabel: l.group_label,
      ruleNo: l.rule_no,
      amountVnd: l.amount_vnd,
      method: l.method,
      accountNumber: maskIdentifier(l.account_number),
      receiverName: l.receiver_name ?? '',
      note: l.note,
    })),
  };
}

export function personRounds(store: Store, personId: number): PersonRoundRow[] {
  // The latest payment answer on the line (migration 020), for approved rounds.
  const last = (col: string) =>
    `(SELECT a.${col} FROM round_payment_attempts a WHERE a.round_line_id = l.id ORDER BY a.attempt_no DESC LIMIT 1)`;
  const rows = store
    .prepare(
      `SELECT r.id AS roundId, r.name, r.basis_number AS basisNumber, r.basis_date AS basisDate, r.round_date AS roundDate, r.review_state AS review,
              l.amount_vnd AS amountVnd, l.method, l.note,
              coalesce(${last('status')}, 'pending') AS resultStatus, ${last('on_date')} AS resultDate,
              coalesce(${last('reason')}, '') AS resultReason
       FROM round_lines l JOIN rounds r ON r.id = l.round_id WHERE l.person_id = ? ORDER BY r.round_date DESC, r.id DESC`,
    )
    .all(personId) as Array<
    Omit<PersonRoundRow, 'result'> & {
      resultStatus: RoundLineStatus;
      resultDate: string | null;
      resultReason: string;
    }
  >;
  return rows.map(({ resultStatus, resultDate, resultReason, ...row }) => ({
    ...row,
    result: row.review === 'approved' ? { status: resultStatus, onDate: resultDate, reason: resultReason } : null,
  }));
}

/** Audit entries after `seq` (action, person, and whether the person is in the round or in one of its programmes). */
export function auditSince(
  store: Store,
  roundId: number,
  programmes: readonly string[],
  seq: number,
): Array<{ action: string; person_id: number | null; full_name: string | null; relevant: number }> {
  return store
    .prepare(
      `SELECT a.action, a.person_id, pe.full_name,
              a.person_id IS NULL OR EXISTS (SELECT 1 FROM round_lines l WHERE l.round_id = @roundId AND l.person_id = a.person_id)
                OR EXISTS (SELECT 1 FROM entitlements e WHERE e.person_id = a.person_id AND e.programme_code IN (SELECT value FROM json_each(@programmes))) AS relevant
       FROM audit_log a LEFT JOIN people pe ON pe.id = a.person_id WHERE a.id > @seq ORDER BY a.id`,
    )
    .all({ roundId, programmes: JSON.stringify(programmes), seq }) as Array<{
    action: string;
    person_id: number | null;
    full_name: string | null;
    relevant: number;
  }>;
}

export function lastAuditSeq(store: Store): number {
  return store.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
}

/** A returned round changed again (rebuilt, a person adjusted) is a draft again; its return comment stays. */
export function reopenReturned(store: Store, roundId: number): void {
  store.prepare("UPDATE rounds SET review_state = 'draft' WHERE id = ? AND review_state = 'returned'").run(roundId);
}

export function markSubmitted(store: Store, roundId: number, at: string, by: number | null, auditSeq: number): void {
  store
    .prepare(
      "UPDATE rounds SET review_state = 'submitted', submitted_at = ?, submitted_by = ?, submitted_audit_seq = ? WHERE id = ?",
    )
    .run(at, by, auditSeq, roundId);
}

export function markReturned(store: Store, roundId: number, at: string, by: number | null, comment: string): void {
  store
    .prepare(
      "UPDATE rounds SET review_state = 'returned', returned_at = ?, returned_by = ?, return_comment = ? WHERE id = ?",
    )
    .run(at, by, comment, roundId);
}

export function markApproved(store: Store, roundId: number, at: string, by: number | null): void {
  store
    .prepare(
      "UPDATE rounds SET status = 'approved', review_state = 'approved', approved_at = ?, approved_by = ? WHERE id = ?",
    )
    .run(at, by, roundId);
}

/** A round and everything of it (lines, adjustments, rules). */
export function deleteRound(store: Store, roundId: number): void {
  for (const table of ['round_lines', 'round_adjustments', 'round_rules'])
    store.prepare(`DELETE FROM ${table} WHERE round_id = ?`).run(roundId);
  store.prepare('DELETE FROM rounds WHERE id = ?').run(roundId);
}

export function programmeOptions(store: Store): RoundOptions['programmes'] {
  return store
    .prepare('SELECT code, name_vi AS name FROM programmes ORDER BY sort_order')
    .all() as RoundOptions['programmes'];
}

/** The active groups, with the family of age bands each belongs to. */
export function groupOptions(store: Store): Array<RoundOptions['groups'][number] & { family: string }> {
  return store
    .prepare(
      'SELECT code, label_vi AS label, programme_code AS programme, family FROM allowance_groups WHERE active = 1 ORDER BY programme_code, sort_order',
    )
    .all() as Array<RoundOptions['groups'][number] & { family: string }>;
}

/** NCC categories on the latest term of open entitlements, with how many carry each (unsorted). */
export function nccCategoryOptions(store: Store): RoundOptions['categories'] {
  return store
    .prepare(
      `SELECT t.category_label AS label, count(*) AS count FROM entitlements e
       JOIN entitlement_terms t ON t.id = (SELECT t2.id FROM entitlement_terms t2 WHERE t2.entitlement_id = e.id ORDER BY t2.effective_from DESC LIMIT 1)
       WHERE e.programme_code = 'NCC' AND t.category_label <> '' AND e.end_month IS NULL GROUP BY t.category_label`,
    )
    .all() as RoundOptions['categories'];
}

export function bankNameRows(store: Store): Array<Pick<Selectable<BanksTable>, 'code' | 'name'>> {
  return store.prepare('SELECT code, name FROM banks').all() as Array<Pick<Selectable<BanksTable>, 'code' | 'name'>>;
}

/** Every bank with its NAPAS BIN ('' when unknown), for the bank file. */
export function bankFileRows(store: Store): Array<Pick<Selectable<BanksTable>, 'code' | 'name'> & { napas: string }> {
  return store.prepare("SELECT code, name, coalesce(napas_bin, '') AS napas FROM banks").all() as Array<
    Pick<Selectable<BanksTable>, 'code' | 'name'> & { napas: string }
  >;
}
