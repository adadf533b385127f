import { z } from 'zod';
import './zod-vi';
import { command, query, type Access } from './channel';
import { dateField, idField, requiredText } from './fields';
import type { PrintedPdf } from './forms';

// The decisions the ward signs (issue 16). Since 1/7/2025 the ward chairman decides social assistance,
// care support and the social pension (Decree 147/2025); the ward keeps a per-year register of its
// Quyết định. From one or several of the register's decisions (enrollment, change, stop) the officer
// makes a draft, which takes the year's next number; prints the draft (Decree 30 layout, the list attached
// when it covers several people) and the public posting list; and once the chairman has signed, records
// the signed number and date, which are written back on the register's decisions.

/** Programmes the ward chairman decides; NCC amounts come from the Sở Nội vụ's decisions. */
export const WARD_DECIDED_PROGRAMMES = ['BTXH', 'BTXH_CARE', 'HTXH'] as const;

/** Drafts are made by the officer who keeps the register. */
export const WARD_DECISION_MAKERS: Access = ['officer'];
/** The signed number is recorded by the officer or the approver (the leader who had it signed). */
export const WARD_DECISION_SIGNERS: Access = ['officer', 'approver'];
export const WARD_DECISION_READERS: Access = ['officer', 'approver'];

/** Public posting (niêm yết công khai) at the ward's office: Decree 20/2021 Art. 8(2), 2 working days. */
export const POSTING_WORKING_DAYS = 2;

/** The most register decisions one Quyết định covers (a list of a few hundred is a long attachment already). */
export const MAX_DECISIONS_PER_WARD_DECISION = 500;

export type WardDecisionKind = 'grant' | 'adjust' | 'suspend' | 'resume' | 'stop';

/** Who signs: the chairman ("CHỦ TỊCH"), or the deputy for the chairman ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"). */
export const SIGNER_ROLES = ['chairman', 'deputy'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];
export const SIGNER_ROLE_LABELS: Record<SignerRole, string> = {
  chairman: 'Chủ tịch ký',
  deputy: 'Phó Chủ tịch ký thay (KT. Chủ tịch)',
};

/** A draft (numbered), signed (number and date recorded), or voided before signing (its number stays used). */
export type WardDecisionStatus = 'draft' | 'signed' | 'voided';

export interface WardDecisionView {
  id: number;
  year: number;
  seq: number;
  /** As on the draft: '05/QĐ-UBND'. */
  symbol: string;
  draftDate: string;
  programme: string;
  kind: WardDecisionKind;
  subject: string;
  status: WardDecisionStatus;
  signerRole: SignerRole;
  signedNumber: string | null;
  signedDate: string | null;
  /** Why the draft was voided (status 'voided'). */
  voidReason: string | null;
  /** How many register decisions (people) it covers. */
  count: number;
  /** The first person's name (the only one when count is 1). */
  firstName: string;
}

/** A register decision the ward may decide and that is in no ward decision yet. */
export interface WardDecisionCandidate {
  decisionId: number;
  personId: number;
  fullName: string;
  programme: string;
  kind: WardDecisionKind;
  effectiveMonth: string;
  number: string;
}

/** Per register decision of a person: the ward decision that covers it. */
export interface WardDecisionLink {
  decisionId: number;
  wardDecisionId: number;
  symbol: string;
  status: WardDecisionStatus;
  signedNumber: string | null;
  signedDate: string | null;
}

export const createWardDecisionSchema = z
  .object({
    decisionIds: z
      .array(idField)
      .min(1, { error: 'Chọn ít nhất một quyết định trong sổ.' })
      .max(MAX_DECISIONS_PER_WARD_DECISION, {
        error: `Một quyết định gồm tối đa ${MAX_DECISIONS_PER_WARD_DECISION} người.`,
      }),
    /** The draft's date (and so its year); today when left out. */
    date: dateField('Ngày dự thảo').optional(),
    signerRole: z.enum(SIGNER_ROLES, { error: 'Chọn người ký.' }).default('chairman'),
  })
  .strict();

export const voidWardDecisionSchema = z
  .object({
    id: idField,
    reason: requiredText('Lý do hủy dự thảo', 500),
  })
  .strict();

export const recordSignedSchema = z
  .object({
    id: idField,
    number: requiredText('Số quyết định đã ký', 60),
    signedDate: dateField('Ngày ký'),
  })
  .strict();

export const printPostingSchema = z
  .object({
    id: idField,
    /** The first day of posting; the draft's date when left out. */
    from: dateField('Ngày bắt đầu niêm yết').optional(),
  })
  .strict();

export const wardDecisionChannels = {
  /** The year's ward decisions, newest number first. */
  'wardDecisions.list': query<WardDecisionView[]>()(
    z.object({ year: z.number().int().min(2000).max(2999) }).strict(),
    WARD_DECISION_READERS,
  ),
  /** Register decisions the ward decides that no ward decision covers yet. */
  'wardDecisions.candidates': query<WardDecisionCandidate[]>()(z.object({}).strict(), WARD_DECISION_READERS),
  /** The ward decisions covering a person's register decisions (the person page's decision list). */
  'wardDecisions.forPerson': query<WardDecisionLink[]>()(
    z.object({ personId: idField }).strict(),
    WARD_DECISION_READERS,
  ),
  /** Makes a draft from register decisions of one programme and kind; takes the year's next number. */
  'wardDecisions.create': command<WardDecisionView>()(createWardDecisionSchema, WARD_DECISION_MAKERS),
  /** The draft Quyết định (with the attached list when it covers several people). */
  'wardDecisions.print': query<Promise<PrintedPdf>>()(z.object({ id: idField }).strict(), WARD_DECISION_READERS),
  /** The public posting list (danh sách niêm yết) with its period. */
  'wardDecisions.printPosting': query<Promise<PrintedPdf>>()(printPostingSchema, WARD_DECISION_READERS),
  /** Voids a draft before signing: its number stays used, the register decisions it covered can go into a new draft. */
  'wardDecisions.void': command<WardDecisionView>()(voidWardDecisionSchema, WARD_DECISION_MAKERS),
  /** Records the signed number and date; writes them on the register decisions it covers. */
  'wardDecisions.recordSigned': command<WardDecisionView>()(recordSignedSchema, WARD_DECISION_SIGNERS),
} as const;
