import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type {
  adjustRoundSchema,
  approveRoundSchema,
  createRoundSchema,
  RoundDetail,
  RoundOptions,
  RoundSummary,
  RoundTotalRow,
  RoundView,
} from '@shared/api/rounds';
import { actionLabel } from '@shared/domain/audit-actions';
import { formatBirthDate, formatDateVi } from '@shared/domain/dates';
import { METHOD_LABELS, METHOD_ORDER } from '@shared/domain/labels';
import { isProtectedGroup } from '@shared/domain/masking';
import { formatVnd } from '@shared/domain/money';
import { basisKey, planRound, ruleMatches } from '@shared/domain/rounds';
import { compareVi } from '@shared/domain/text';
import { isInputAction } from '../payroll/review';
import { payoutResolver } from '../payout/in-force';
import { shortBankName } from '../payroll-files/lines';
import {
  adjustmentsOf,
  adjustmentViews,
  auditSince,
  bankNameRows,
  candidates,
  deleteAdjustment,
  deleteRound,
  groupOptions,
  markApproved,
  markReturned,
  markSubmitted,
  nccCategoryOptions,
  programmeOptions,
  reopenReturned,
  inOtherRounds,
  insertRound,
  insertRules,
  lastAuditSeq,
  listRounds,
  otherRoundOf,
  peopleFacts,
  replaceLines,
  replacePersonLine,
  roundRow,
  roundView,
  rulesOf,
  saveAdjustment,
  lineGroups,
  personLine,
  type LineInsert,
  type RoundRow,
} from './queries';

// One-off rounds: create with rules, pick the recipients from the register (shared/domain/rounds.ts
// decides who and how much), adjust by hand, and the payroll's review workflow (issue 14): the officer
// submits (the list picked again and frozen, with the audit log's sequence number as the fingerprint of
// its inputs), the approver returns it with a comment or approves it confirming count and total; a round
// whose people changed after submission cannot be approved (the same test of what can change money as
// the payroll's, main/services/payroll/review.ts).

const ACCOUNT_METHODS: ReadonlySet<string> = new Set(['OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT']);
const CASH_METHODS: ReadonlySet<string> = new Set(['CASH_WARD', 'POST_OFFICE']);

const notFound = () => new ApiError('NOT_FOUND', 'Không tìm thấy đợt chi này.');

function mustRow(store: Store, id: number): RoundRow {
  const r = roundRow(store, id);
  if (!r) throw notFound();
  return r;
}

function mustView(store: Store, id: number): RoundView {
  const v = roundView(store, id);
  if (!v) throw notFound();
  return v;
}

/** Edits are allowed on a draft or returned round only. */
function mustBeEditable(r: RoundRow): void {
  if (r.status === 'approved') throw new ApiError('CONFLICT', 'Đợt chi đã được phê duyệt: không sửa được nữa.');
  if (r.review_state === 'submitted')
    throw new ApiError('CONFLICT', 'Đợt chi đang chờ phê duyệt: chờ người phê duyệt duyệt hoặc trả lại rồi mới sửa.');
}

/**
 * Picks the recipients again: the rules over the register on the round's date, the adjustments by hand,
 * nobody already in another round of the same legal basis; snapshots each line (who, the group, how paid
 * on the round's date) in the offices' name order.
 */
export function buildLines(store: Store, roundId: number, at: string, onlyPersonId?: number): void {
  const r = mustRow(store, roundId);
  const rules = rulesOf(store, roundId);
  const adjustments = adjustmentsOf(store, roundId).filter(
    (a) => onlyPersonId === undefined || a.personId === onlyPersonId,
  );
  const programmes = [...new Set(rules.map((x) => x.programme))];
  const cands = candidates(store, programmes, r.round_date, onlyPersonId);
  const plan = planRound(rules, cands, adjustments, inOtherRounds(store, r.basis_key, roundId));
  const ids = plan.lines.map((l) => l.personId);
  const facts = peopleFacts(store, ids);
  const month = r.round_date.slice(0, 7);
  // The payout method in force in the round's month (after the blocking rules, as the payroll).
  const resolver = payoutResolver(store, month, ids.length <= 300 ? ids : undefined);
  const byPerson = new Map<number, typeof cands>();
  for (const c of cands) {
    const list = byPerson.get(c.personId);
    if (list) list.push(c);
    else byPerson.set(c.personId, [c]);
  }
  const lines = plan.lines
    .map((l): LineInsert & { sortKey: string } => {
      const p = facts.get(l.personId);
      if (!p) throw new ApiError('NOT_FOUND', `Không tìm thấy hồ sơ số ${l.personId}.`);
      const rule = l.ruleNo === null ? undefined : rules.find((x) => x.ruleNo === l.ruleNo);
      const own = (byPerson.get(l.personId) ?? []).filter((c) => c.programme === l.programme);
      const c = (rule ? own.find((x) => ruleMatches(rule, x)) : undefined) ?? own[0];
      const groupLabel = !c
        ? ''
        : c.programme === 'NCC'
          ? c.categoryLabel || 'Người có công với cách mạng'
          : isProtectedGroup(c.groupCode)
            ? ''
            : c.groupLabel;
      const pay = resolver.resolve(l.personId, l.programme);
      const adjusted = adjustments.find((a) => a.personId === l.personId && a.kind === 'add');
      return {
        lineNo: 0,
        personId: l.personId,
        programme: l.programme,
        ruleNo: l.ruleNo,
        amountVnd: l.amountVnd,
        fullName: p.full_name,
        birthText:
          p.birth_date && p.birth_precision !== 'unknown'
            ? formatBirthDate({ precision: p.birth_precision, value: p.birth_date })
            : '',
        citizenId: p.citizen_id,
        neighbourhood: p.neighbourhood ?? '',
        address: p.address,
        groupCode: c?.groupCode ?? null,
        groupLabel,
        method: pay.method,
        bankCode: ACCOUNT_METHODS.has(pay.method) ? pay.bankCode : null,
        branch: ACCOUNT_METHODS.has(pay.method) ? pay.branch : null,
        accountNumber: ACCOUNT_METHODS.has(pay.method) ? pay.accountNumber : null,
        holderName: ACCOUNT_METHODS.has(pay.method) ? pay.holderName : null,
        authorizationId: pay.method === 'AUTHORIZED_ACCOUNT' ? pay.authorizationId : null,
        receiverName: pay.method === 'AUTHORIZED_ACCOUNT' ? pay.receiverName : null,
        note: adjusted ? `Bổ sung: ${adjusted.reason}` : '',
        sortKey: p.sort_key,
      };
    })
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.personId - b.personId));
  // One person changed by hand: only their line is picked again (it keeps its number, or takes the next);
  // the whole list is picked again, in name order, by Chọn lại and at submission.
  if (onlyPersonId !== undefined) {
    replacePersonLine(store, roundId, r.basis_key, onlyPersonId, lines[0], at);
    return;
  }
  lines.forEach((l, i) => (l.lineNo = i + 1));
  replaceLines(store, roundId, r.basis_key, lines, plan.alreadyInBasis.length, at);
}

export function roundDetail(store: Store, roundId: number): RoundDetail {
  const round = mustView(store, roundId);
  const row = mustRow(store, roundId);
  const byRule = new Map(lineGroups(store, roundId, 'rule_no').map((g) => [g.key, g]));
  const rules = rulesOf(store, roundId).map((r) => ({
    ...r,
    groups: [...r.groups],
    categories: [...r.categories],
    count: byRule.get(r.ruleNo)?.count ?? 0,
    totalVnd: byRule.get(r.ruleNo)?.amountVnd ?? 0,
  }));
  return {
    round,
    rules,
    adjustments: adjustmentViews(store, roundId),
    alreadyInBasis: row.already_in_basis,
    staleMessage: staleness(store, row).message,
  };
}

export { listRounds };

export function roundOptions(store: Store): RoundOptions {
  const programmes = programmeOptions(store);
  const groups = groupOptions(store).filter((g) => !isProtectedGroup(g.code));
  // Families of age-dependent groups offered as one choice ('BTXH-1' for 1A and 1B) besides each group.
  const categories = nccCategoryOptions(store);
  categories.sort((a, b) => compareVi(a.label, b.label));
  return { programmes, groups: groups.map(({ code, label, programme }) => ({ code, label, programme })), categories };
}

export function createRound(ctx: HandlerContext, input: z.output<typeof createRoundSchema>): RoundDetail {
  const at = ctx.now.toISOString();
  const key = basisKey(input.basisNumber, input.basisDate, input.basisIssuer);
  const id = insertRound(ctx.store, {
    name: input.name,
    basisNumber: input.basisNumber,
    basisDate: input.basisDate,
    basisIssuer: input.basisIssuer,
    basisKey: key,
    roundDate: input.roundDate,
    at,
    by: ctx.user.id,
  });
  insertRules(
    ctx.store,
    id,
    input.rules.map((r, i) => ({
      ruleNo: i + 1,
      label: r.label,
      programme: r.programme,
      groups: r.groups,
      categories: r.categories,
      amountVnd: r.amountVnd,
    })),
  );
  buildLines(ctx.store, id, at);
  const detail = roundDetail(ctx.store, id);
  ctx.audit({
    action: 'round.create',
    entity: 'round',
    entityId: id,
    after: {
      name: input.name,
      basis: `${input.basisNumber} ngày ${formatDateVi(input.basisDate)} của ${input.basisIssuer}`,
      date: input.roundDate,
      rules: input.rules.length,
    },
    detail: { lines: detail.round.lineCount, totalVnd: detail.round.totalVnd, alreadyInBasis: detail.alreadyInBasis },
  });
  return detail;
}

export function rebuildRound(ctx: HandlerContext, roundId: number): RoundDetail {
  const r = mustRow(ctx.store, roundId);
  mustBeEditable(r);
  buildLines(ctx.store, roundId, ctx.now.toISOString());
  // A returned round picked again is a draft again (its return comment stays visible).
  reopenReturned(ctx.store, roundId);
  const detail = roundDetail(ctx.store, roundId);
  ctx.audit({
    action: 'round.rebuild',
    entity: 'round',
    entityId: roundId,
    before: { lines: r.line_count, totalVnd: r.total_vnd },
    after: { lines: detail.round.lineCount, totalVnd: detail.round.totalVnd },
  });
  return detail;
}

export function adjustRound(ctx: HandlerContext, input: z.output<typeof adjustRoundSchema>): RoundDetail {
  const { store } = ctx;
  const r = mustRow(store, input.roundId);
  mustBeEditable(r);
  const person = peopleFacts(store, [input.personId]).get(input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const before = personLine(store, input.roundId, input.personId);
  if (input.kind === 'undo') {
    if (deleteAdjustment(store, input.roundId, input.personId) === 0)
      throw new ApiError('CONFLICT', `${person.full_name} không có thay đổi nào để bỏ.`);
  } else if (input.kind === 'add') {
    if (person.death_date && person.death_date <= r.round_date)
      throw new ApiError(
        'INVALID_INPUT',
        `${person.full_name} đã mất ngày ${formatDateVi(person.death_date)}, trước ngày chi: không thêm được.`,
      );
    if (person.moved_away_date && person.moved_away_date <= r.round_date)
      throw new ApiError(
        'INVALID_INPUT',
        `${person.full_name} đã chuyển đi ngày ${formatDateVi(person.moved_away_date)}, trước ngày chi: không thêm được.`,
      );
    const other = otherRoundOf(store, r.basis_key, input.roundId, input.personId);
    if (other)
      throw new ApiError(
        'CONFLICT',
        `${person.full_name} đã có trong đợt chi «${other}» theo cùng văn bản căn cứ: mỗi người chỉ nhận một lần.`,
      );
    saveAdjustment(
      store,
      input.roundId,
      {
        kind: 'add',
        personId: input.personId,
        programme: input.programme,
        amountVnd: input.amountVnd,
        reason: input.reason,
      },
      ctx.now.toISOString(),
      ctx.user.id,
    );
  } else {
    if (!before) throw new ApiError('CONFLICT', `${person.full_name} không có trong danh sách đợt chi này.`);
    saveAdjustment(
      store,
      input.roundId,
      { kind: 'remove', personId: input.personId, reason: input.reason },
      ctx.now.toISOString(),
      ctx.user.id,
    );
  }
  buildLines(store, input.roundId, ctx.now.toISOString(), input.personId);
  reopenReturned(store, input.roundId);
  const after = personLine(store, input.roundId, input.personId);
  const detail = roundDetail(store, input.roundId);
  ctx.audit({
    action: 'round.adjust',
    entity: 'round',
    entityId: input.roundId,
    personId: input.personId,
    before: { inList: !!before, amountVnd: before?.amount_vnd ?? 0 },
    after: { inList: !!after, amountVnd: after?.amount_vnd ?? 0 },
    detail: {
      kind: input.kind,
      ...('reason' in input ? { reason: input.reason } : {}),
      lines: detail.round.lineCount,
      totalVnd: detail.round.totalVnd,
    },
  });
  return detail;
}

export function discardRound(ctx: HandlerContext, roundId: number): { discarded: true } {
  const r = mustRow(ctx.store, roundId);
  if (r.status === 'approved') throw new ApiError('CONFLICT', 'Đợt chi đã được phê duyệt: không huỷ được.');
  const v = mustView(ctx.store, roundId);
  deleteRound(ctx.store, roundId);
  ctx.audit({
    action: 'round.discard',
    entity: 'round',
    entityId: roundId,
    before: { name: v.name, lines: v.lineCount, totalVnd: v.totalVnd },
  });
  return { discarded: true };
}

/** Actions that can change who a round picks or how they are paid (the payroll's list, less what only moves monthly money). */
const roundInput = (action: string) =>
  isInputAction(action) &&
  !['payroll.', 'payrollResults.', 'ledger.', 'arrears.', 'funeral.', 'standardLevel.'].some((p) =>
    action.startsWith(p),
  );

function staleness(store: Store, r: RoundRow): { stale: boolean; message: string } {
  if (r.review_state !== 'submitted' || r.submitted_audit_seq === null) return { stale: false, message: '' };
  const programmes = rulesOf(store, r.id).map((x) => x.programme);
  const people = new Map<string, Set<string>>();
  const general = new Set<string>();
  for (const a of auditSince(store, r.id, programmes, r.submitted_audit_seq)) {
    if (!a.relevant || !roundInput(a.action)) continue;
    if (a.person_id === null) general.add(actionLabel(a.action));
    else {
      const name = a.full_name ?? `#${a.person_id}`;
      const set = people.get(name) ?? new Set<string>();
      set.add(actionLabel(a.action).toLocaleLowerCase('vi'));
      people.set(name, set);
    }
  }
  const parts: string[] = [];
  if (people.size) {
    const shown = [...people].slice(0, 10).map(([name, actions]) => `${name} (${[...actions].join(', ')})`);
    parts.push(
      `${people.size} người thay đổi sau khi trình: ${shown.join('; ')}${people.size > 10 ? `; và ${people.size - 10} người khác` : ''}`,
    );
  }
  if (general.size) parts.push(`Thay đổi chung sau khi trình: ${[...general].join('; ')}`);
  return parts.length
    ? { stale: true, message: `${parts.join('. ')}. Cần chọn lại danh sách và trình lại trước khi phê duyệt.` }
    : { stale: false, message: '' };
}

/** The officer submits: the list picked again from the register as it stands and frozen for the approver. */
export function submitRound(ctx: HandlerContext, roundId: number): RoundDetail {
  const { store } = ctx;
  const r = mustRow(store, roundId);
  if (r.status === 'approved') throw new ApiError('CONFLICT', 'Đợt chi đã được phê duyệt.');
  if (r.review_state === 'submitted' && !staleness(store, r).stale)
    throw new ApiError('CONFLICT', 'Đợt chi này đã được trình và đang chờ phê duyệt.');
  buildLines(store, roundId, ctx.now.toISOString());
  const built = mustRow(store, roundId);
  if (built.line_count === 0) throw new ApiError('CONFLICT', 'Danh sách đợt chi không có ai: không có gì để trình.');
  ctx.audit({
    action: 'round.submit',
    entity: 'round',
    entityId: roundId,
    before: { review: r.review_state },
    after: { review: 'submitted' },
    detail: { lines: built.line_count, totalVnd: built.total_vnd },
  });
  // The fingerprint: the submission's own audit entry is the last one before the review.
  markSubmitted(store, roundId, ctx.now.toISOString(), ctx.user.id, lastAuditSeq(store));
  return roundDetail(store, roundId);
}

function notSubmitted(r: RoundRow): string {
  if (r.review_state === 'approved') return 'Đợt chi đã được phê duyệt.';
  if (r.review_state === 'returned') return 'Đợt chi đã được trả lại cho cán bộ: chờ cán bộ sửa và trình lại.';
  return 'Đợt chi chưa được trình phê duyệt: cán bộ chính sách cần trình trước.';
}

export function returnRound(ctx: HandlerContext, roundId: number, comment: string): RoundDetail {
  const r = mustRow(ctx.store, roundId);
  if (r.review_state !== 'submitted') throw new ApiError('CONFLICT', notSubmitted(r));
  markReturned(ctx.store, roundId, ctx.now.toISOString(), ctx.user.id, comment);
  ctx.audit({
    action: 'round.return',
    entity: 'round',
    entityId: roundId,
    before: { review: 'submitted' },
    after: { review: 'returned' },
    detail: { lines: r.line_count, totalVnd: r.total_vnd, comment },
  });
  return roundDetail(ctx.store, roundId);
}

export function approveRound(ctx: HandlerContext, input: z.output<typeof approveRoundSchema>): RoundDetail {
  const { store } = ctx;
  const r = mustRow(store, input.roundId);
  if (r.review_state !== 'submitted') throw new ApiError('CONFLICT', notSubmitted(r));
  if (input.confirm.lineCount !== r.line_count || input.confirm.totalVnd !== r.total_vnd) {
    throw new ApiError(
      'CONFLICT',
      `Số liệu đã xác nhận (${input.confirm.lineCount.toLocaleString('vi-VN')} người, ${formatVnd(input.confirm.totalVnd)} đồng) không khớp đợt chi hiện tại ` +
        `(${r.line_count.toLocaleString('vi-VN')} người, ${formatVnd(r.total_vnd)} đồng): tải lại trang, xem lại rồi phê duyệt.`,
    );
  }
  const stale = staleness(store, r);
  if (stale.stale) throw new ApiError('CONFLICT', `Không phê duyệt được: ${stale.message}`);
  markApproved(store, input.roundId, ctx.now.toISOString(), ctx.user.id);
  ctx.audit({
    action: 'round.approve',
    entity: 'round',
    entityId: input.roundId,
    before: { review: 'submitted' },
    after: { review: 'approved' },
    detail: { lines: r.line_count, totalVnd: r.total_vnd },
  });
  return roundDetail(store, input.roundId);
}

/** Totals by rule, method and neighbourhood, and what the signature list and the bank file carry (SQL sums: a round may list the whole register). */
export function roundSummary(store: Store, roundId: number): RoundSummary {
  const round = mustView(store, roundId);
  const rules = rulesOf(store, roundId);
  const rows = (
    groups: ReturnType<typeof lineGroups>,
    labelOf: (key: string) => string,
    order?: (a: string, b: string) => number,
  ): RoundTotalRow[] =>
    groups
      .map((g) => ({ key: g.key === null ? '' : String(g.key), label: '', count: g.count, amountVnd: g.amountVnd }))
      .map((r) => ({ ...r, label: labelOf(r.key) }))
      .sort((a, b) => (order ? order(a.key, b.key) : compareVi(a.label, b.label)));
  const ruleLabel = (key: string) => {
    if (key === '') return 'Bổ sung theo danh sách (thêm tay)';
    const r = rules.find((x) => String(x.ruleNo) === key);
    return r
      ? `${r.ruleNo}. ${r.label || r.categories.join(', ') || r.groups.join(', ') || r.programme} — ${formatVnd(r.amountVnd)} đồng`
      : key;
  };
  const byMethod = rows(
    lineGroups(store, roundId, 'method'),
    (k) => METHOD_LABELS[k as keyof typeof METHOD_LABELS] ?? k,
    (a, b) =>
      METHOD_ORDER.indexOf(a as (typeof METHOD_ORDER)[number]) -
      METHOD_ORDER.indexOf(b as (typeof METHOD_ORDER)[number]),
  );
  const names = new Map(bankNameRows(store).map((b) => [b.code, shortBankName(b.name)]));
  const banks = lineGroups(store, roundId, 'bank_code', true)
    .map((g) => ({
      bankCode: String(g.key),
      bankName: names.get(String(g.key)) ?? String(g.key),
      count: g.count,
      totalVnd: g.amountVnd,
    }))
    .sort((a, b) => a.bankCode.localeCompare(b.bankCode));
  const sumOf = (pick: (method: string) => boolean) => {
    const own = byMethod.filter((m) => pick(m.key));
    return { count: own.reduce((s, m) => s + m.count, 0), totalVnd: own.reduce((s, m) => s + m.amountVnd, 0) };
  };
  const bankFile = {
    count: banks.reduce((s, b) => s + b.count, 0),
    totalVnd: banks.reduce((s, b) => s + b.totalVnd, 0),
  };
  const accounts = sumOf((m) => ACCOUNT_METHODS.has(m));
  return {
    round,
    byRule: rows(lineGroups(store, roundId, 'rule_no'), ruleLabel, (a, b) =>
      a === '' ? 1 : b === '' ? -1 : Number(a) - Number(b),
    ),
    byMethod,
    byNeighbourhood: rows(lineGroups(store, roundId, 'neighbourhood_name'), (k) => k || '(Chưa ghi khu phố)'),
    banks,
    signatureList: sumOf((m) => CASH_METHODS.has(m)),
    bankFile,
    missingAccount: { count: accounts.count - bankFile.count, totalVnd: accounts.totalVnd - bankFile.totalVnd },
  };
}
