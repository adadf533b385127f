import type { Store } from '../db/store';
import type { AuditInput } from '../services/audit';
import type { Sessions } from '../services/auth/sessions';
import type { DbControl } from '../services/backup/control';
import type { AppInfo } from '@shared/api/contract';
import type { Role } from '@shared/api/auth';

export interface ActingUser {
  /** null before sign-in (a failed sign-in is still audited, under the name that was tried). */
  id: number | null;
  username: string;
  fullName: string;
  role: Role | null;
}

/** Who acts before anyone has signed in. */
export const NOBODY: ActingUser = { id: null, username: '(chưa đăng nhập)', fullName: '', role: null };

/** What every handler receives: the database, who is acting, the clock, and the audit hook. */
export interface HandlerContext {
  store: Store;
  user: ActingUser;
  now: Date;
  /** Records the change in the audit log, inside the command's transaction. */
  audit: (entry: AuditInput) => void;
  /**
   * Records that something sensitive was READ (a search by a whole citizen ID, the protected-group filter):
   * allowed in queries too, where it is appended in its own small transaction; in a command it is the
   * command's own audit. Absent only where a context is built by hand (tests, tools).
   */
  auditRead?: (entry: AuditInput) => void;
  app: Omit<AppInfo, 'user'>;
  /** The caller (an Electron window or a harness cookie) and the signed-in sessions, for auth channels. */
  client: string;
  sessions: Sessions;
  /** The running core's register file, for backup and restore (main/services/backup/control.ts). */
  dbControl?: DbControl;
}

/** Context for channels that run without a database (status, recovery). */
export type StatusContext = Omit<HandlerContext, 'store' | 'audit'> & { store?: Store };
