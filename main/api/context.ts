import type { Store } from '../db/store';
import type { AuditInput } from '../services/audit';
import type { AppInfo } from '../../shared/api/contract';

export interface ActingUser {
  id: number;
  username: string;
  fullName: string;
  role: 'admin' | 'officer' | 'accountant' | 'approver';
}

/** What every handler receives: the database, who is acting, the clock, and the audit hook. */
export interface HandlerContext {
  store: Store;
  user: ActingUser;
  now: Date;
  /** Records the change in the audit log, inside the command's transaction. */
  audit: (entry: AuditInput) => void;
  app: Omit<AppInfo, 'user'>;
}

/** Context for channels that run without a database (status, recovery). */
export type StatusContext = Omit<HandlerContext, 'store' | 'audit'> & { store?: Store };
