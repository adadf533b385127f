import { randomUUID } from 'node:crypto';
import type { SessionUser } from '@shared/api/auth';

// Who is signed in, per client (an Electron window, or a browser-harness cookie), kept in main's memory
// only: a restart signs everyone out. After the idle time the session locks; unlocking needs the same
// user's password, and the renderer keeps whatever was typed meanwhile.

export interface Session {
  /** New at every sign-in (session rotation): what the session's jobs are tied to. */
  id: string;
  user: SessionUser;
  lastActivity: number;
  locked: boolean;
}

export class Sessions {
  private readonly byClient = new Map<string, Session>();
  /** Told when a session ends (sign-out, disabled user, moved client): its jobs are dropped. */
  onEnd: ((session: Session) => void) | undefined;

  /** `fixed`: the idle time was set on the command line (harness tests) and settings do not change it. */
  constructor(
    private idleMs: number,
    private readonly fixed = false,
  ) {}

  setIdleMinutes(minutes: number): void {
    if (!this.fixed) this.idleMs = minutes * 60_000;
  }

  get idleMinutes(): number {
    return this.idleMs / 60_000;
  }

  /** A new session (a new id) replaces whatever the client had: a sign-in never keeps an old session. */
  signIn(client: string, user: SessionUser, now: number): Session {
    this.end(client);
    const session = { id: randomUUID(), user, lastActivity: now, locked: false };
    this.byClient.set(client, session);
    return session;
  }

  signOut(client: string): void {
    this.end(client);
  }

  /** The harness rotates a browser's cookie at sign-in: the session moves to the new client name. */
  moveClient(from: string, to: string): void {
    const session = this.byClient.get(from);
    if (!session || from === to) return;
    this.byClient.delete(from);
    this.byClient.set(to, session);
  }

  private end(client: string): void {
    const session = this.byClient.get(client);
    if (!session) return;
    this.byClient.delete(client);
    this.onEnd?.(session);
  }

  /** The session as of `now`, locking it first if it has been idle too long. */
  current(client: string, now: number): Session | undefined {
    const session = this.byClient.get(client);
    if (session && !session.locked && now - session.lastActivity > this.idleMs) session.locked = true;
    return session;
  }

  touch(client: string, now: number): void {
    const session = this.byClient.get(client);
    if (session && !session.locked) session.lastActivity = now;
  }

  lock(client: string): void {
    const session = this.byClient.get(client);
    if (session) session.locked = true;
  }

  unlock(client: string, now: number): void {
    const session = this.byClient.get(client);
    if (session) {
      session.locked = false;
      session.lastActivity = now;
    }
  }

  /** A user disabled or changed by the admin is signed out everywhere. */
  signOutUser(userId: number): void {
    for (const [client, session] of [...this.byClient]) if (session.user.id === userId) this.end(client);
  }
}
