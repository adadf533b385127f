import type { Store } from '../../db/store';
import type { TodoPayroll } from '@shared/api/todo';

// The to-do list's SQL (issue 14). Each query is a count or a short list over indexed columns, cheap
// enough to run again after every write.

const PAYROLL_SQL = `
SELECT p.id, p.month, p.programme_code AS programme, pr.name_vi AS programmeName, p.review_state AS review,
       p.line_count AS lineCount, p.total_vnd AS totalVnd, p.attention_count AS attentionCount,
       p.submitted_at AS submittedAt, su.full_name AS submittedBy, p.return_comment AS returnComment,
       ru.full_name AS returnedBy, p.returned_at AS returnedAt
FROM payrolls p JOIN programmes pr ON pr.code = p.programme_code
LEFT JOIN users su ON su.id = p.submitted_by LEFT JOIN users ru ON ru.id = p.returned_by
WHERE p.status = 'draft' AND p.review_state IN (SELECT value FROM json_each(?))
ORDER BY p.month, pr.sort_order, p.id`;

/** Payrolls not yet approved in the given review states. */
export function payrollsIn(store: Store, states: readonly string[]): TodoPayroll[] {
  return store.prepare(PAYROLL_SQL).all(JSON.stringify(states)) as TodoPayroll[];
}

/** People with a decision taking effect in `month` (entered ahead), and entitlements ending the month before it. */
export function nextMonthChanges(store: Store, month: string, previous: string): { decided: number; ending: number } {
  const decided = (
    store.prepare('SELECT COUNT(DISTINCT person_id) AS n FROM decisions WHERE effective_month = ?').get(month) as {
      n: number;
    }
  ).n;
  const ending = (
    store.prepare('SELECT COUNT(DISTINCT person_id) AS n FROM entitlements WHERE end_month = ?').get(previous) as {
      n: number;
    }
  ).n;
  return { decided, ending };
}

/** Lines of approved payrolls that failed or were not collected and wait for the officer's decision (carry over, cash). */
export function undecidedResults(
  store: Store,
): Array<{ payrollId: number; month: string; programmeName: string; lines: number }> {
  return store
    .prepare(
      `SELECT p.id AS payrollId, p.month, pr.name_vi AS programmeName, COUNT(*) AS lines
       FROM payroll_lines l INDEXED BY payroll_lines_undecided
       JOIN payrolls p ON p.id = l.payroll_id JOIN programmes pr ON pr.code = p.programme_code
       WHERE l.status IN ('failed', 'not_collected') AND p.status = 'approved'
       GROUP BY p.id ORDER BY p.month DESC, pr.sort_order`,
    )
    .all() as Array<{ payrollId: number; month: string; programmeName: string; lines: number }>;
}

/**
 * The newest backup written to a chosen folder (a USB stick: not the automatic folder beside the
 * register) since `since`, read backwards from the audit log by its time index.
 */
export function lastCopiedBackup(store: Store, localFolder: string, since: string): string | undefined {
  const row = store
    .prepare(
      `SELECT at FROM audit_log
       WHERE at >= ? AND action = 'backup.create' AND substr(COALESCE(json_extract(detail_json, '$.file'), ''), 1, ?) <> ?
       ORDER BY at DESC LIMIT 1`,
    )
    .get(since, localFolder.length, localFolder) as { at: string } | undefined;
  return row?.at;
}
