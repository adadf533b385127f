import { join } from 'node:path';
import type { HandlerContext } from '../../api/context';
import type { Role } from '@shared/api/auth';
import { BACKUP_COPY_DAYS, type TodoItem, type TodoList, type TodoPayroll } from '@shared/api/todo';
import { addMonths, formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { addDays } from '@shared/domain/payout';
import { EVIDENCE_KIND_LABELS } from '@shared/domain/evidence';
import { currentMonth, today } from '../clock';
import { backupFolderOf } from '../backup/auto';
import { attentionList } from '../payout/view';
import { suspensionWatch } from '../payroll/watch';
import { expiringSummary } from '../bhyt/cards';
import { expiringEvidenceSummary } from '../evidence/review';
import { roundsIn } from '../rounds/queries';
import { formatVnd } from '@shared/domain/money';
import { lastCopiedBackup, nextMonthChanges, payrollsIn, undecidedResults } from './queries';

// Việc cần làm (issue 14): what waits for the signed-in user, by role, each item with its count and the
// route where it is fixed. The officer: payrolls returned with a comment or not yet submitted, their
// lines needing attention, authorizations expiring / expired but still in use / of a deceased giver,
// next month's changes, payment results to decide, people not collecting. The approver: payrolls
// waiting for approval and their attention lines, authorizations to certify. The accountant: drafts and
// payment results. The admin: backups not copied to a USB stick for BACKUP_COPY_DAYS days.

const PATHS = {
  payrolls: '/chi-tra',
  payroll: (id: number) => `/chi-tra/bang/${id}`,
  authorizations: '/so-doi-tuong/uy-quyen',
  changes: '/so-doi-tuong/thay-doi',
  backup: '/cai-dat/sao-luu',
  bhyt: '/so-doi-tuong/bhyt',
  review: '/so-doi-tuong/ra-soat',
};

const names = (list: readonly string[], max = 3) =>
  list.slice(0, max).join(', ') + (list.length > max ? ` và ${list.length - max} người khác` : '');
const payrollName = (p: Pick<TodoPayroll, 'month' | 'programmeName'>) =>
  `${p.programmeName} tháng ${formatMonthVi(p.month)}`;

export function todoList(ctx: HandlerContext): TodoList {
  const role = ctx.user.role as Role;
  const { store } = ctx;
  const day = today(ctx.now);
  const month = currentMonth(ctx.now);
  const items: TodoItem[] = [];
  const staff = role === 'officer' || role === 'accountant';

  // Payrolls: the approver's waiting ones; the officer's returned ones (listed with the comment).
  const payrolls =
    role === 'approver' ? payrollsIn(store, ['submitted']) : role === 'officer' ? payrollsIn(store, ['returned']) : [];
  if (staff) {
    const drafts = payrollsIn(store, ['draft']);
    if (drafts.length) {
      items.push({
        key: 'payrolls.toSubmit',
        count: drafts.length,
        label: `${drafts.length} bảng chi trả nháp chưa trình phê duyệt`,
        detail: drafts.map(payrollName).join('; '),
        path: drafts.length === 1 ? PATHS.payroll(drafts[0]!.id) : PATHS.payrolls,
        urgent: false,
      });
    }
  }
  if (role === 'approver' || staff) {
    const mine = role === 'approver' ? payrolls : payrollsIn(store, ['draft', 'returned']);
    const withAttention = mine.filter((p) => p.attentionCount > 0);
    const count = withAttention.reduce((n, p) => n + p.attentionCount, 0);
    if (count) {
      items.push({
        key: 'payrolls.attention',
        count,
        label: `${count.toLocaleString('vi-VN')} dòng cần chú ý trong bảng chi trả ${role === 'approver' ? 'chờ duyệt' : 'chưa duyệt'}`,
        detail: withAttention
          .map((p) => `${payrollName(p)}: ${p.attentionCount.toLocaleString('vi-VN')} dòng`)
          .join('; '),
        path: withAttention.length === 1 ? PATHS.payroll(withAttention[0]!.id) : PATHS.payrolls,
        urgent: role === 'approver',
      });
    }
  }

  // One-off rounds (issue 16): the approver's waiting ones, the officer's returned ones.
  if (role === 'approver' || role === 'officer') {
    const rounds = roundsIn(store, role === 'approver' ? ['submitted'] : ['returned']);
    if (rounds.length) {
      items.push({
        key: 'rounds.review',
        count: rounds.length,
        label:
          role === 'approver'
            ? `${rounds.length} đợt chi một lần chờ phê duyệt`
            : `${rounds.length} đợt chi một lần bị trả lại`,
        detail: rounds
          .map(
            (r) =>
              `${r.name}: ${r.lineCount.toLocaleString('vi-VN')} người, ${formatVnd(r.totalVnd)} đồng${r.returnComment && role === 'officer' ? ` (${r.returnComment})` : ''}`,
          )
          .join('; '),
        path: rounds.length === 1 ? `/chi-tra/dot-chi/${rounds[0]!.id}` : '/chi-tra/dot-chi',
        urgent: true,
      });
    }
  }

  // Authorizations.
  if (role === 'approver' || role === 'officer') {
    const rows = attentionList(store, day, month);
    const by = (reason: (typeof rows)[number]['reasons'][number]) => rows.filter((r) => r.reasons.includes(reason));
    const push = (key: TodoItem['key'], list: typeof rows, label: string, urgent: boolean) => {
      if (!list.length) return;
      items.push({
        key,
        count: list.length,
        label: `${list.length.toLocaleString('vi-VN')} ${label}`,
        detail: names(list.map((r) => `${r.giverName} (đến ${formatDateVi(r.validTo)})`)),
        path: PATHS.authorizations,
        urgent,
      });
    };
    if (role === 'approver')
      push('authorizations.uncertified', by('uncertified'), 'giấy ủy quyền chờ chứng thực', true);
    if (role === 'officer') {
      push('authorizations.expired', by('expired'), 'giấy ủy quyền đã hết hạn nhưng vẫn đang dùng để chi', true);
      push('authorizations.giverDeceased', by('giver_deceased'), 'giấy ủy quyền của người đã mất vẫn đang dùng', true);
      push('authorizations.expiring', by('expiring'), 'giấy ủy quyền hết hạn trong 30 ngày tới', false);
    }
  }

  if (role === 'officer') {
    const next = addMonths(month, 1);
    const { decided, ending } = nextMonthChanges(store, next, month);
    if (decided + ending) {
      const parts = [
        decided ? `${decided} người có quyết định từ tháng ${formatMonthVi(next)}` : '',
        ending ? `${ending} người thôi hưởng sau tháng ${formatMonthVi(month)}` : '',
      ].filter(Boolean);
      items.push({
        key: 'nextMonth.changes',
        count: decided + ending,
        label: `${decided + ending} thay đổi cho tháng ${formatMonthVi(next)}`,
        detail: parts.join('; '),
        path: PATHS.changes,
        urgent: false,
      });
    }
  }

  // Health-insurance cards of current beneficiaries ending soon (issue 16): the officer renews them.
  if (role === 'officer') {
    const cards = expiringSummary(ctx);
    if (cards.count) {
      const more = cards.count - cards.first.length;
      const howMany = `${cards.more ? 'Hơn ' : ''}${cards.count.toLocaleString('vi-VN')}`;
      items.push({
        key: 'bhyt.expiring',
        count: cards.count,
        label: `${howMany} thẻ BHYT của người đang hưởng hết hạn trong 30 ngày tới`,
        detail:
          cards.first.map((c) => `${c.fullName} (đến ${formatDateVi(c.validTo)})`).join(', ') +
          (more > 0 ? ` và ${cards.more ? 'hơn ' : ''}${more.toLocaleString('vi-VN')} người khác` : ''),
        path: PATHS.bhyt,
        urgent: false,
      });
    }
  }

  // Eligibility evidence of current beneficiaries ending soon (issue 16): the officer reviews them.
  if (role === 'officer') {
    const facts = expiringEvidenceSummary(ctx);
    if (facts.count) {
      const more = facts.count - facts.first.length;
      items.push({
        key: 'evidence.expiring',
        count: facts.count,
        label: `${facts.more ? 'Hơn ' : ''}${facts.count.toLocaleString('vi-VN')} giấy tờ xác định điều kiện hưởng hết hạn trong 30 ngày tới`,
        detail:
          facts.first
            .map(
              (f) => `${f.fullName} (${EVIDENCE_KIND_LABELS[f.kind].toLowerCase()}, đến ${formatDateVi(f.validUntil)})`,
            )
            .join(', ') +
          (more > 0 ? ` và ${facts.more ? 'hơn ' : ''}${more.toLocaleString('vi-VN')} giấy tờ khác` : ''),
        path: PATHS.review,
        urgent: false,
      });
    }
  }

  if (staff) {
    const undecided = undecidedResults(store);
    const lines = undecided.reduce((n, r) => n + r.lines, 0);
    if (lines) {
      items.push({
        key: 'results.undecided',
        count: lines,
        label: `${lines.toLocaleString('vi-VN')} dòng chi không thành công hoặc chưa nhận, chờ quyết định chi tháng sau`,
        detail: undecided.map((r) => `${payrollName(r)}: ${r.lines} dòng`).join('; '),
        path: PATHS.payroll(undecided[0]!.payrollId),
        urgent: false,
      });
    }
    const watch = suspensionWatch(store, month);
    if (watch.length) {
      items.push({
        key: 'results.notCollecting',
        count: watch.length,
        label: `${watch.length.toLocaleString('vi-VN')} người không đến nhận tiền từ 3 tháng liền`,
        detail: names(watch.map((w) => `${w.fullName} (${w.months.length} tháng)`)),
        path: PATHS.payrolls,
        urgent: true,
      });
    }
  }

  if (role === 'admin' && ctx.dbControl) {
    const local = join(backupFolderOf(ctx.dbControl.dbPath), '');
    const since = new Date(`${addDays(day, -BACKUP_COPY_DAYS)}T00:00:00`).toISOString();
    if (!lastCopiedBackup(store, local, since)) {
      const ever = lastCopiedBackup(store, local, '');
      items.push({
        key: 'backup.notCopied',
        count: 1,
        label: `Chưa chép bản sao lưu ra USB trong ${BACKUP_COPY_DAYS} ngày`,
        detail: ever
          ? `Lần chép gần nhất: ${formatDateVi(today(new Date(ever)))}.`
          : 'Chưa từng chép bản sao lưu ra USB.',
        path: PATHS.backup,
        urgent: true,
      });
    }
  }

  return { role, today: day, payrolls, items };
}
