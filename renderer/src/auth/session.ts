import { createContext, useContext } from 'react';
import type { Role, SessionUser } from '@shared/api/auth';
import type { Channel } from '@shared/api/contract';
import { canCall } from './roles';

/** The signed-in user and what the shell offers around the session. */
export interface Session {
  user: SessionUser;
  idleMinutes: number;
  signOut: () => void;
  /** Re-reads auth.state (after the idle time was changed in Cài đặt → Bảo mật). */
  refresh: () => void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in shell');
  return session;
}

export function useRole(): Role {
  return useSession().user.role;
}

/** Whether the signed-in user's role may call `channel` (the renderer hides; main enforces). */
export function useCan(channel: Channel): boolean {
  return canCall(useRole(), channel);
}
