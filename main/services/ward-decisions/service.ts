import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { PrintedPdf } from '@shared/api/forms';
import {
  POSTING_WORKING_DAYS,
  WARD_DECIDED_PROGRAMMES,
  type createWardDecisionSchema,
  type printPostingSchema,
  type recordSignedSchema,
  type voidWardDecisionSchema,
  type WardDecisionKind,
  type WardDecisionView,
} from '@shared/api/ward-decisions';
import { workingDayPeriod } from '@shared/domain/working-days';
import { auditedWrite } from '../../jobs';
import { deliverPdf, officeNames, renderPdf } from '../../documents';
import { today } from '../clock';
import { officeSettingsAt } from '../settings';
import { draftDecisionDocument, linesOf, postingListDocument, subjectOf } from './document';
import {
  insertWardDecision,
  itemsOf,
  markSigned,
  nextSeq,
  programmeName,
  registerDecisions,
  voidDraft,
  wardDecisionView,
  writeBackSigned,
} from './queries';

// The ward's register of decisions: create a draft (the year's next number), print it and its posting
// list, record the signed number and date back on the register's decisions.

/** The symbol part of the number (Decree 30, App. III: Quyết định of the People's Committee). */
export const DECISION_SYMBOL = 'QĐ-UBND';

const invalid = (path: string, message: string): never => {
  throw new ApiError('INVALID_INPUT', message, [{ path, message }]);
};

export function createWardDecision(
  ctx: HandlerContext,
  input: z.output<typeof createWardDecisionSchema>,
): WardDecisionView {
  const { store } = ctx;
  const ids = [...new Set(input.decisionIds)];
  const rows = registerDecisions(store, ids);
  if (rows.length !== ids.length) throw new ApiError('NOT_FOUND', 'Không tìm thấy quyết định đã chọn trong sổ.');
  const first = rows[0]!;
  for (const r of rows) {
    if (!(WARD_DECIDED_PROGRAMMES as readonly string[]).includes(r.programme)) {
      invalid(
        'decisionIds',
        `Chế độ người có công do Sở Nội vụ quyết định, phường không lập quyết định này (${r.fullName}).`,
      );
    }
    if (r.coveredBy) invalid('decisionIds', `Quyết định của ${r.fullName} đã có trong quyết định số ${r.coveredBy}.`);
    if (r.programme !== first.programme || r.kind !== first.kind) {
      invalid(
        'decisionIds',
        'Một quyết định chỉ gồm các trường hợp cùng chế độ và cùng loại (hưởng, điều chỉnh, tạm dừng, hưởng lại, thôi hưởng).',
      );
    }
  }
  if (new Set(rows.map((r) => r.personId)).size !== rows.length)
    invalid('decisionIds', 'Mỗi người chỉ có một dòng trong một quyết định.');
  const date = input.date ?? today(ctx.now);
  const year = Number(date.slice(0, 4));
  // Allocated inside this command's transaction: the write lock is held from here to the commit.
  const seq = nextSeq(store, year);
  const symbol = `${String(seq).padStart(2, '0')}/${DECISION_SYMBOL}`;
  const subject = subjectOf(
    first.kind,
    programmeName(store, first.programme),
    first.programme,
    rows.length === 1 ? first : null,
    rows.length,
  );
  const id = insertWardDecision(
    store,
    {
      year,
      seq,
      symbol,
      draftDate: date,
      programme: first.programme,
      kind: first.kind,
      subject,
      signerRole: input.signerRole,
      createdAt: ctx.now.toISOString(),
      createdBy: ctx.user.id,
    },
    rows.map((r) => r.id),
  );
  ctx.audit({
    action: 'wardDecision.create',
    entity: 'ward_decision',
    entityId: id,
    personId: rows.length === 1 ? first.personId : null,
    after: { year, seq, symbol, programme: first.programme, kind: first.kind, signerRole: input.signerRole },
    detail: { decisions: rows.length },
  });
  return wardDecisionView(store, id)!;
}

export function recordSigned(ctx: HandlerContext, input: z.output<typeof recordSignedSchema>): WardDecisionView {
  const { store } = ctx;
  const before = wardDecisionView(store, input.id);
  if (!before) throw new ApiError('NOT_FOUND', 'Không tìm thấy quyết định này.');
  if (before.status === 'signed') {
    invalid('number', `Quyết định này đã ghi số đã ký ${before.signedNumber ?? ''}; không sửa được.`);
  }
  if (before.status === 'voided') invalid('number', `Dự thảo ${before.symbol} đã hủy; không ghi số đã ký được.`);
  if (input.signedDate < before.draftDate) invalid('signedDate', 'Ngày ký không được trước ngày lập dự thảo.');
  if (input.signedDate > today(ctx.now)) invalid('signedDate', 'Ngày ký không được sau hôm nay.');
  // The one who signed, by the names in force on the signing day.
  const names = officeNames(officeSettingsAt(ctx, input.signedDate));
  const signer = before.signerRole === 'deputy' ? names.deputyChairman : names.chairman;
  markSigned(store, input.id, input.number, input.signedDate, signer, ctx.now.toISOString(), ctx.user.id);
  const items = itemsOf(store, input.id);
  const written = writeBackSigned(store, input.id, input.number, input.signedDate, signer);
  ctx.audit({
    action: 'wardDecision.recordSigned',
    entity: 'ward_decision',
    entityId: input.id,
    personId: items.length === 1 ? items[0]!.personId : null,
    before: { status: 'draft', numbers: [...new Set(items.map((i) => i.number))].slice(0, 20) },
    after: { status: 'signed', number: input.number, signedDate: input.signedDate },
    detail: { decisions: written },
  });
  return wardDecisionView(store, input.id)!;
}

/** Voids a draft (wrong people, wrong kind): its number stays used; the people can go into a new draft. */
export function voidWardDecision(
  ctx: HandlerContext,
  input: z.output<typeof voidWardDecisionSchema>,
): WardDecisionView {
  const { store } = ctx;
  const before = wardDecisionView(store, input.id);
  if (!before) throw notFound();
  if (before.status === 'signed')
    invalid(
      'reason',
      `Quyết định ${before.signedNumber ?? before.symbol} đã ký; không hủy được (cần quyết định khác để thay thế).`,
    );
  if (before.status === 'voided') invalid('reason', `Dự thảo ${before.symbol} đã hủy trước đó.`);
  const items = itemsOf(store, input.id);
  voidDraft(store, input.id, input.reason, ctx.now.toISOString(), ctx.user.id);
  ctx.audit({
    action: 'wardDecision.void',
    entity: 'ward_decision',
    entityId: input.id,
    personId: items.length === 1 ? items[0]!.personId : null,
    before: { status: 'draft', symbol: before.symbol },
    after: { status: 'voided', reason: input.reason },
    detail: { decisions: items.length },
  });
  return wardDecisionView(store, input.id)!;
}

const notFound = () => new ApiError('NOT_FOUND', 'Không tìm thấy quyết định này.');

/** A voided draft is not printed: it must not reach the chairman's desk by mistake. */
function printable(ctx: HandlerContext, id: number): WardDecisionView {
  const w = wardDecisionView(ctx.store, id);
  if (!w) throw notFound();
  if (w.status === 'voided')
    throw new ApiError('CONFLICT', `Dự thảo ${w.symbol} đã hủy (${w.voidReason ?? ''}); không in được.`);
  return w;
}

/** The names in force on the document's date, so a reprint after a reorganisation reads as it did. */
const namesOn = (ctx: HandlerContext, w: WardDecisionView) =>
  officeNames(officeSettingsAt(ctx, w.signedDate ?? w.draftDate));
const fileBase = (w: WardDecisionView) => `quyet-dinh-${w.year}-${String(w.seq).padStart(3, '0')}`;

export async function printDraft(ctx: HandlerContext, id: number): Promise<PrintedPdf> {
  const w = printable(ctx, id);
  const office = namesOn(ctx, w);
  const lines = linesOf(ctx.store, w, itemsOf(ctx.store, id));
  const { buffer, pages } = await renderPdf(
    draftDecisionDocument(w, lines, office, programmeName(ctx.store, w.programme)),
  );
  auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
    audit({
      action: 'wardDecision.print',
      entity: 'ward_decision',
      entityId: id,
      detail: { people: lines.length, pages },
    }),
  );
  const fileName = `${fileBase(w)}.pdf`;
  return { fileName, pages, count: 1, ...(await deliverPdf(fileName, buffer)) };
}

export async function printPosting(
  ctx: HandlerContext,
  input: z.output<typeof printPostingSchema>,
): Promise<PrintedPdf> {
  const w = printable(ctx, input.id);
  const office = namesOn(ctx, w);
  const period = workingDayPeriod(input.from ?? w.draftDate, POSTING_WORKING_DAYS);
  const lines = linesOf(ctx.store, w, itemsOf(ctx.store, input.id));
  const { definition, posted } = postingListDocument(
    w,
    lines,
    office,
    programmeName(ctx.store, w.programme),
    period,
    today(ctx.now),
  );
  const { buffer, pages } = await renderPdf(definition);
  auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
    audit({
      action: 'wardDecision.printPosting',
      entity: 'ward_decision',
      entityId: input.id,
      detail: { people: posted, pages, from: period.from, to: period.to },
    }),
  );
  const fileName = `niem-yet-${fileBase(w)}.pdf`;
  return { fileName, pages, count: posted, ...(await deliverPdf(fileName, buffer)) };
}

export type { WardDecisionKind };
