import { z } from 'zod';
import './zod-vi';
import { query } from './channel';
import type { Role } from './auth';
import type { ReviewState } from './payroll';

// Việc cần làm (issue 14): each role's home screen after sign-in. What waits for this user, each item
// with its count and the screen where it is fixed. Main assembles it (main/services/todo/); the renderer
// asks again after every successful write, so the counts follow the work.

export const TODO_KEYS = [
  'payrolls.toSubmit',
  'payrolls.attention',
  'authorizations.uncertified',
  'authorizations.expiring',
  'authorizations.expired',
  'authorizations.giverDeceased',
  'nextMonth.changes',
  'results.undecided',
  'results.notCollecting',
  'backup.notCopied',
  'bhyt.expiring',
  'evidence.expiring',
  'rounds.review',
] as const;
export type TodoKey = (typeof TODO_KEYS)[number];

export interface TodoItem {
  key: TodoKey;
  count: number;
  /** What to do, in words ("12 giấy ủy quyền chờ chứng thực"). */
  label: string;
  /** One more sentence: names, months, how long ago. */
  detail: string;
  /** The route where it is fixed ('/so-doi-tuong/uy-quyen'). */
  path: string;
  urgent: boolean;
}

/** A payroll waiting for this user: submitted (the approver), returned with a comment (the officer). */
export interface TodoPayroll {
  id: number;
  month: string;
  programme: string;
  programmeName: string;
  review: ReviewState;
  lineCount: number;
  totalVnd: number;
  attentionCount: number;
  submittedAt: string | null;
  submittedBy: string | null;
  returnComment: string | null;
  returnedBy: string | null;
  returnedAt: string | null;
}

export interface TodoList {
  role: Role;
  today: string;
  /** Waiting for approval (approver) or returned (officer). */
  payrolls: TodoPayroll[];
  items: TodoItem[];
}

/** Backups are expected on a USB stick (or another folder off the PC) at least this often. */
export const BACKUP_COPY_DAYS = 7;

export const todoChannels = {
  /** The signed-in user's to-do list (every role has one; its items depend on the role). */
  'todo.list': query<TodoList>()(z.object({}).strict(), 'signed-in'),
} as const;
