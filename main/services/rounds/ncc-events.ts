import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import { NCC_EVENT_LABELS, type NccEventView, type recordNccEventSchema } from '../../../shared/api/rounds';
import { formatDateVi } from '../../../shared/domain/dates';
import { currentMonth } from '../clock';

// NCC events from the Sở Nội vụ's decision (issue 16): on the death of a người có công, the funeral
// allowance and the lump sum are decided by the Sở, paid to the person the decision names. The app records
// the amount as written on the decision (nothing computed) as a one-off item of the NCC programme due this
// month, and the month's NCC payroll pays it in cash to that person against a signature (as the funeral
// support of the social allowance). One of each per death (UNIQUE(person_id, kind)).

const VIEW_SQL = `
SELECT ev.id, ev.person_id AS personId, p.full_name AS fullName, p.death_date AS deathDate, ev.kind, ev.amount_vnd AS amountVnd,
       ev.decision_number AS decisionNumber, ev.decision_date AS decisionDate, ev.decision_issuer AS decisionIssuer,
       ev.payee_name AS payeeName, ev.payee_relationship AS payeeRelationship, oi.due_month AS dueMonth,
       (SELECT q.month FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id WHERE l.one_off_item_id = oi.id AND q.status = 'approved' LIMIT 1) AS paidInMonth
FROM ncc_events ev JOIN people p ON p.id = ev.person_id JOIN one_off_items oi ON oi.id = ev.one_off_item_id`;

export function listNccEvents(store: Store): NccEventView[] {
  return store.prepare(`${VIEW_SQL} ORDER BY ev.id DESC`).all() as NccEventView[];
}

export function recordNccEvent(ctx: HandlerContext, input: z.output<typeof recordNccEventSchema>): NccEventView {
  const { store } = ctx;
  const person = store.prepare('SELECT id, full_name, death_date FROM people WHERE id = ?').get(input.personId) as
    { id: number; full_name: string; death_date: string | null } | undefined;
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const ncc = store
    .prepare(
      "SELECT id FROM entitlements WHERE person_id = ? AND programme_code = 'NCC' ORDER BY start_month DESC LIMIT 1",
    )
    .pluck()
    .get(person.id) as number | undefined;
  if (!ncc)
    throw new ApiError(
      'INVALID_INPUT',
      `${person.full_name} không hưởng chế độ người có công: khoản này chỉ dành cho người có công.`,
    );
  if (!person.death_date)
    throw new ApiError(
      'INVALID_INPUT',
      `Chưa ghi nhận ${person.full_name} từ trần: báo tử trong hồ sơ trước, rồi ghi khoản theo quyết định của Sở.`,
    );
  if (input.decisionDate < person.death_date) {
    throw new ApiError(
      'INVALID_INPUT',
      `Ngày quyết định (${formatDateVi(input.decisionDate)}) trước ngày mất (${formatDateVi(person.death_date)}): kiểm tra lại.`,
    );
  }
  const label = NCC_EVENT_LABELS[input.kind];
  const known = store
    .prepare('SELECT decision_number FROM ncc_events WHERE person_id = ? AND kind = ?')
    .pluck()
    .get(person.id, input.kind) as string | undefined;
  if (known)
    throw new ApiError(
      'CONFLICT',
      `Đã ghi ${label.toLocaleLowerCase('vi')} của ${person.full_name} theo quyết định số ${known}.`,
    );
  const at = ctx.now.toISOString();
  const note = `${label} theo Quyết định số ${input.decisionNumber} ngày ${formatDateVi(input.decisionDate)} của ${input.decisionIssuer}`;
  const item = Number(
    store
      .prepare(
        `INSERT INTO one_off_items (person_id, entitlement_id, kind, amount_vnd, due_month, payee_name, note, programme_code, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'NCC', ?)`,
      )
      // The funeral allowance is the payroll's funeral kind; the lump sum an 'other' item named for its payee.
      .run(
        person.id,
        ncc,
        input.kind === 'funeral' ? 'funeral' : 'other',
        input.amountVnd,
        currentMonth(ctx.now),
        input.payeeName,
        note,
        at,
      ).lastInsertRowid,
  );
  const id = Number(
    store
      .prepare(
        `INSERT INTO ncc_events (one_off_item_id, person_id, kind, amount_vnd, decision_number, decision_date, decision_issuer, payee_name, payee_relationship, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        item,
        person.id,
        input.kind,
        input.amountVnd,
        input.decisionNumber,
        input.decisionDate,
        input.decisionIssuer,
        input.payeeName,
        input.payeeRelationship,
        at,
        ctx.user.id,
      ).lastInsertRowid,
  );
  ctx.audit({
    action: 'nccEvent.create',
    entity: 'one_off_item',
    entityId: item,
    personId: person.id,
    after: {
      kind: input.kind,
      amountVnd: input.amountVnd,
      decision: `${input.decisionNumber} ngày ${formatDateVi(input.decisionDate)} của ${input.decisionIssuer}`,
      payee: input.payeeName,
    },
  });
  return store.prepare(`${VIEW_SQL} WHERE ev.id = ?`).get(id) as NccEventView;
}
