import { z } from 'zod';
import './zod-vi';
import { command, OFFICER, query, type Access } from './channel';
import { dateField, idField, requiredText, text } from './fields';
import { isIsoDate, parseDateVi } from '../domain/dates';
import {
  DISABILITY_LEVELS,
  EVIDENCE_KINDS,
  HOUSEHOLD_LEVELS,
  type EvidenceKind,
  type EvidenceLevel,
  type FindingStatus,
  type Subject,
} from '../domain/evidence';

// Eligibility evidence (issue 16): the facts a person's group depends on (household on the yearly poor /
// near-poor list, disability certificate, student status), recorded, corrected and ended by the officer
// (audited), shown on the person's page with what each current group needs; and the yearly review that
// lists everyone whose group depends on a fact that expired, is missing or changed, with the decision
// to propose (the officer records it with register.decide). Rules: shared/domain/evidence.ts.

/** Who reads evidence and the review: the staff who read the person page (not the administrator). */
export const EVIDENCE_READERS: Access = ['officer', 'accountant', 'approver'];

/** A day that may be left empty (→ null), with the field's own message when it is not a day. */
const optionalDay = (label: string) =>
  z
    .string({ error: `${label}: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.` })
    .optional()
    .transform((s, ctx) => {
      const t = (s ?? '').trim();
      if (!t) return null;
      const iso = isIsoDate(t) ? t : parseDateVi(t);
      if (iso === null) {
        ctx.addIssue({ code: 'custom', message: `${label}: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.` });
        return z.NEVER;
      }
      return iso;
    });

const yearField = z
  .number({ error: 'Năm của danh sách: nhập năm, ví dụ 2027.' })
  .int({ error: 'Năm của danh sách: nhập năm, ví dụ 2027.' })
  .min(2000, { error: 'Năm của danh sách: từ 2000 trở đi.' })
  .max(2100, { error: 'Năm của danh sách: không hợp lệ.' });

export const saveEvidenceSchema = z
  .object({
    personId: idField,
    /** Present: corrects that record; absent: records a new fact. */
    evidenceId: idField.optional(),
    kind: z.enum(EVIDENCE_KINDS, { error: 'Chọn loại giấy tờ: hộ nghèo/cận nghèo, khuyết tật hoặc đang đi học.' }),
    level: z.enum(['', ...HOUSEHOLD_LEVELS, ...DISABILITY_LEVELS], { error: 'Mức: chọn trong danh sách.' }).default(''),
    listYear: yearField.nullable().optional(),
    issuer: text('Nơi cấp', 200).default(''),
    documentNo: text('Số văn bản', 60).default(''),
    issuedDate: optionalDay('Ngày cấp'),
    validUntil: optionalDay('Có giá trị đến ngày'),
    note: text('Ghi chú', 300).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.kind === 'household') {
      if (!(HOUSEHOLD_LEVELS as readonly string[]).includes(v.level))
        issue('level', 'Chọn: hộ nghèo, hộ cận nghèo, hoặc không thuộc danh sách năm đó.');
      if (v.listYear === null || v.listYear === undefined)
        issue('listYear', 'Năm của danh sách: nhập năm, ví dụ 2027.');
    } else if (v.kind === 'disability') {
      if (!(DISABILITY_LEVELS as readonly string[]).includes(v.level))
        issue('level', 'Mức độ khuyết tật: chọn đặc biệt nặng, nặng hoặc nhẹ.');
      if (!v.issuedDate) issue('issuedDate', 'Ngày cấp giấy xác nhận khuyết tật: cần nhập.');
      if (!v.issuer) issue('issuer', 'Nơi cấp: cần nhập (UBND xã, phường cấp giấy xác nhận khuyết tật).');
    } else {
      if (v.level !== '') issue('level', 'Đang đi học: không có mức.');
      if (!v.issuer) issue('issuer', 'Trường: cần nhập tên cơ sở giáo dục.');
      if (!v.validUntil)
        issue('validUntil', 'Đi học đến ngày: cần nhập (ngày kết thúc khoá học hoặc năm học trên giấy xác nhận).');
    }
    if (v.kind !== 'household' && v.listYear != null)
      issue('listYear', 'Năm của danh sách chỉ dùng cho hộ nghèo, cận nghèo.');
    if (v.issuedDate && v.validUntil && v.validUntil < v.issuedDate)
      issue('validUntil', 'Có giá trị đến ngày: phải sau ngày cấp.');
  });
export type SaveEvidenceInput = z.input<typeof saveEvidenceSchema>;

export const endEvidenceSchema = z
  .object({
    evidenceId: idField,
    endedDate: dateField('Ngày không còn giá trị'),
    reason: requiredText('Lý do', 200),
  })
  .strict();
export type EndEvidenceInput = z.input<typeof endEvidenceSchema>;

export const reviewSchema = z
  .object({
    date: dateField('Ngày rà soát'),
    /** The poverty list checked; absent: the next year's for a review in December, else the current year's. */
    listYear: yearField.optional(),
  })
  .strict();
export type ReviewInput = z.input<typeof reviewSchema>;

/** A recorded fact's state on the day it is shown. */
export type EvidenceState = 'in_force' | 'expired' | 'ended' | 'superseded';

export interface EvidenceView {
  id: number;
  kind: EvidenceKind;
  level: EvidenceLevel;
  listYear: number | null;
  issuer: string;
  documentNo: string;
  issuedDate: string | null;
  validUntil: string | null;
  note: string;
  endedDate: string | null;
  endReason: string;
  recordedAt: string;
  recordedBy: string;
  state: EvidenceState;
}

/** What one current group needs, and whether the record meets it today. */
export interface EvidenceNeed {
  entitlementId: number;
  groupCode: string;
  kind: EvidenceKind;
  subject: Subject;
  /** The cared person's name for care support ('' for the beneficiary's own fact). */
  subjectName: string;
  status: FindingStatus;
  /** '' when met; else what is wrong, naming the rule. */
  message: string;
}

export interface PersonEvidence {
  today: string;
  /** The poverty list year checked today. */
  listYear: number;
  facts: EvidenceView[];
  needs: EvidenceNeed[];
  /** Age-limited groups: derived from the birth date, no record needed ("BTXH-7: dưới 3 tuổi, hưởng đến hết tháng 05/2026"). */
  derived: string[];
}

export interface ReviewFinding {
  kind: EvidenceKind;
  subject: Subject;
  status: Exclude<FindingStatus, 'ok'>;
  message: string;
}

export interface ReviewRow {
  personId: number;
  fullName: string;
  birthText: string;
  neighbourhood: string;
  entitlementId: number;
  programme: string;
  programmeName: string;
  groupCode: string;
  groupLabel: string;
  status: 'active' | 'suspended';
  caredName: string;
  findings: ReviewFinding[];
  proposal: {
    kind: 'stop' | 'adjust';
    /** Adjust: the group to change to. */
    groupCode: string | null;
    groupLabel: string;
    effectiveMonth: string;
    reason: string;
  };
}

export interface ReviewList {
  date: string;
  listYear: number;
  /** Current entitlements examined (in a group that needs a record). */
  examined: number;
  rows: ReviewRow[];
}

export interface ExpiringEvidence {
  personId: number;
  fullName: string;
  kind: EvidenceKind;
  validUntil: string;
}

export const evidenceChannels = {
  /** A person's recorded facts, what their current groups need, and the age-derived facts. */
  'evidence.list': query<PersonEvidence>()(z.object({ personId: idField }).strict(), EVIDENCE_READERS),
  /** Records a new fact or corrects one (the officer; audited with before and after). */
  'evidence.save': command<{ evidenceId: number }>()(saveEvidenceSchema, OFFICER),
  /** Ends a fact from a day, with the reason (the officer; audited). Nothing is deleted. */
  'evidence.end': command<{ evidenceId: number }>()(endEvidenceSchema, OFFICER),
  /** The yearly review on a day: who needs a decision, with the proposal (writes nothing). */
  'evidence.review': query<ReviewList>()(reviewSchema, EVIDENCE_READERS),
} as const;
