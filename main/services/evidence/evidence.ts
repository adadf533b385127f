import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type {
  endEvidenceSchema,
  EvidenceNeed,
  EvidenceState,
  EvidenceView,
  PersonEvidence,
  saveEvidenceSchema,
} from '@shared/api/evidence';
import { familyBandLabel } from '@shared/domain/eligibility';
import {
  checkGroup,
  currentFact,
  EVIDENCE_KIND_LABELS,
  householdValidUntil,
  type EvidenceFact,
} from '@shared/domain/evidence';
import { ageInYearsAtMonthEnd, birthYear, formatDateVi, formatMonthVi, type BirthDate } from '@shared/domain/dates';
import type { Store } from '../../db/store';
import { currentMonth, today } from '../clock';
import { birthOf } from '../register/amounts';
import {
  allGroups,
  currentEntitlements,
  decisionHouseholds,
  endEvidence,
  evidenceById,
  evidenceOfPeople,
  insertEvidence,
  personOf,
  updateEvidence,
  type EvidenceRow,
  type GroupRow,
} from './queries';

// A person's eligibility evidence: recorded, corrected and ended by the officer, each write audited with
// the fact before and after; the person page shows the facts, what each current group needs (met or
// not, today), and the age-limited groups, whose fact is the birth date (no record).

type SaveEvidence = z.output<typeof saveEvidenceSchema>;
type EndEvidence = z.output<typeof endEvidenceSchema>;

export const factOf = (r: EvidenceRow): EvidenceFact => ({
  id: r.id,
  kind: r.kind,
  level: r.level,
  listYear: r.list_year,
  issuedDate: r.issued_date,
  validUntil: r.valid_until,
  endedDate: r.ended_date,
});

/** Household facts from the decisions of these entitlements, by entitlement (negative ids: not records). */
export function decisionFacts(store: Store, entitlementIds: readonly number[]): Map<number, EvidenceFact[]> {
  const byEntitlement = new Map<number, EvidenceFact[]>();
  for (const d of decisionHouseholds(store, entitlementIds)) {
    const fact: EvidenceFact = {
      id: -d.decisionId,
      kind: 'household',
      level: d.level,
      listYear: d.listYear,
      issuedDate: null,
      validUntil: householdValidUntil(d.listYear),
      endedDate: null,
    };
    const list = byEntitlement.get(d.entitlementId);
    if (list) list.push(fact);
    else byEntitlement.set(d.entitlementId, [fact]);
  }
  return byEntitlement;
}

export const birthOfRow = (date: string | null, precision: 'day' | 'year' | 'unknown' | null): BirthDate | null =>
  birthOf({ birthDate: date, birthPrecision: precision ?? 'unknown' });

function stateOf(r: EvidenceRow, facts: readonly EvidenceFact[], day: string): EvidenceState {
  if (r.ended_date !== null && r.ended_date <= day) return 'ended';
  if (currentFact(facts, r.kind, day)?.id !== r.id) return 'superseded';
  if (r.valid_until !== null && r.valid_until < day) return 'expired';
  return 'in_force';
}

/** When an age-limited family's last band ends: the month its upper limit is reached (still owed). */
function ageLimitText(
  group: GroupRow,
  groups: readonly GroupRow[],
  birth: BirthDate | null,
  month: string,
  whose: string,
): string | null {
  const family = groups.filter((g) => g.family === group.family);
  if (!family.some((g) => g.ageMin !== null || g.ageMax !== null)) return null;
  const band = familyBandLabel(family);
  if (!birth) return `${group.code}: ${band} (${whose} chưa có ngày sinh trong hồ sơ)`;
  const age = ageInYearsAtMonthEnd(birth, month);
  const limited = family.every((g) => g.ageMax !== null);
  let until = '';
  if (limited) {
    const max = Math.max(...family.map((g) => g.ageMax!));
    const last = `${birthYear(birth) + max}-${birth.precision === 'day' ? birth.value.slice(5, 7) : '01'}`;
    until = `; hưởng đến hết tháng ${formatMonthVi(last)}`;
  }
  return `${group.code}: ${band} — tính theo ngày sinh${whose === 'người hưởng' ? '' : ` của ${whose}`}, hiện ${age} tuổi${until}`;
}

export function personEvidence(ctx: Pick<HandlerContext, 'store' | 'now'>, personId: number): PersonEvidence {
  const { store } = ctx;
  const day = today(ctx.now);
  const month = currentMonth(ctx.now);
  const listYear = Number(day.slice(0, 4));
  const entitlements = currentEntitlements(store, month, null, personId);
  const cared = [...new Set(entitlements.map((e) => e.caredPersonId).filter((id): id is number => id !== null))];
  const rows = evidenceOfPeople(store, [personId, ...cared]);
  const factsOf = (id: number) => rows.filter((r) => r.person_id === id).map(factOf);
  const own = factsOf(personId);
  const groups = allGroups(store);
  const fromDecisions = decisionFacts(
    store,
    entitlements.filter((e) => e.programme === 'HTXH').map((e) => e.entitlementId),
  );
  const needs: EvidenceNeed[] = [];
  const derived: string[] = [];
  for (const e of entitlements) {
    const birth = birthOfRow(e.birthDate, e.birthPrecision);
    const caredBirth = birthOfRow(e.caredBirthDate, e.caredBirthPrecision);
    const findings = checkGroup(
      e.groupCode,
      {
        self: [...own, ...(fromDecisions.get(e.entitlementId) ?? [])],
        cared: e.caredPersonId ? factsOf(e.caredPersonId) : [],
      },
      {
        self: birth ? ageInYearsAtMonthEnd(birth, month) : null,
        cared: caredBirth ? ageInYearsAtMonthEnd(caredBirth, month) : null,
      },
      day,
      listYear,
    );
    for (const f of findings)
      needs.push({
        entitlementId: e.entitlementId,
        groupCode: e.groupCode,
        kind: f.requirement.kind,
        subject: f.requirement.subject,
        subjectName: f.requirement.subject === 'cared' ? (e.caredName ?? '') : '',
        status: f.status,
        message: f.message,
      });
    const group = groups.find((g) => g.code === e.groupCode);
    const care = e.programme === 'BTXH_CARE';
    const text =
      group &&
      ageLimitText(
        group,
        groups,
        care ? caredBirth : birth,
        month,
        care ? `người được chăm sóc ${e.caredName ?? ''}`.trim() : 'người hưởng',
      );
    if (text) derived.push(text);
  }
  const facts: EvidenceView[] = rows
    .filter((r) => r.person_id === personId)
    .map((r) => ({
      id: r.id,
      ...view(r),
      endedDate: r.ended_date,
      endReason: r.end_reason,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by_name ?? '',
      state: stateOf(r, own, day),
    }))
    // In force first, then the newest.
    .sort((a, b) => Number(b.state === 'in_force') - Number(a.state === 'in_force') || b.id - a.id);
  return { today: day, listYear, facts, needs, derived };
}

const invalid = (path: string, message: string) => new ApiError('INVALID_INPUT', message, [{ path, message }]);

const view = (
  r: Pick<
    EvidenceRow,
    'kind' | 'level' | 'list_year' | 'issuer' | 'document_no' | 'issued_date' | 'valid_until' | 'note'
  >,
) => ({
  kind: r.kind,
  level: r.level,
  listYear: r.list_year,
  issuer: r.issuer,
  documentNo: r.document_no,
  issuedDate: r.issued_date,
  validUntil: r.valid_until,
  note: r.note,
});

function livingPerson(store: Store, id: number) {
  const person = personOf(store, id);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (person.death_date || person.moved_away_date)
    throw new ApiError(
      'CONFLICT',
      `${person.full_name} đã ${person.death_date ? 'mất' : 'chuyển đi'}: không ghi giấy tờ xác định điều kiện hưởng.`,
    );
  return person;
}

export function saveEvidence(ctx: HandlerContext, input: SaveEvidence): { evidenceId: number } {
  const { store } = ctx;
  const person = livingPerson(store, input.personId);
  const household = input.kind === 'household';
  const row = {
    kind: input.kind,
    level: input.level,
    list_year: household ? input.listYear! : null,
    issuer: input.issuer,
    document_no: input.documentNo,
    issued_date: input.issuedDate,
    // A household fact holds for its list's year (the column feeds the to-do's expiry index).
    valid_until: household ? householdValidUntil(input.listYear!) : input.validUntil,
    note: input.note,
    recorded_at: ctx.now.toISOString(),
    recorded_by: ctx.user.id,
  };
  if (input.evidenceId !== undefined) {
    const before = evidenceById(store, input.evidenceId);
    if (!before || before.person_id !== person.id)
      throw new ApiError('NOT_FOUND', 'Không tìm thấy giấy tờ này trong hồ sơ.');
    if (before.kind !== input.kind) throw invalid('kind', 'Không đổi được loại giấy tờ đã ghi: ghi một giấy tờ mới.');
    if (before.ended_date) throw new ApiError('CONFLICT', 'Giấy tờ này đã kết thúc: ghi một giấy tờ mới.');
    updateEvidence(store, input.evidenceId, row);
    ctx.audit({
      action: 'evidence.update',
      entity: 'eligibility_evidence',
      entityId: input.evidenceId,
      personId: person.id,
      before: view(before),
      after: view(row),
    });
    return { evidenceId: input.evidenceId };
  }
  const evidenceId = insertEvidence(store, person.id, row);
  ctx.audit({
    action: 'evidence.create',
    entity: 'eligibility_evidence',
    entityId: evidenceId,
    personId: person.id,
    after: view(row),
  });
  return { evidenceId };
}

export function endEvidenceFact(ctx: HandlerContext, input: EndEvidence): { evidenceId: number } {
  const { store } = ctx;
  const before = evidenceById(store, input.evidenceId);
  if (!before) throw new ApiError('NOT_FOUND', 'Không tìm thấy giấy tờ này.');
  if (before.ended_date)
    throw new ApiError('CONFLICT', `Giấy tờ này đã kết thúc từ ngày ${formatDateVi(before.ended_date)}.`);
  if (before.issued_date && input.endedDate < before.issued_date)
    throw invalid(
      'endedDate',
      `Ngày không còn giá trị: không được trước ngày cấp ${formatDateVi(before.issued_date)}.`,
    );
  endEvidence(store, before.id, input.endedDate, input.reason);
  ctx.audit({
    action: 'evidence.end',
    entity: 'eligibility_evidence',
    entityId: before.id,
    personId: before.person_id,
    before: { ...view(before), endedDate: null },
    after: { endedDate: input.endedDate, reason: input.reason, what: EVIDENCE_KIND_LABELS[before.kind] },
  });
  return { evidenceId: before.id };
}
