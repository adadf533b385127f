import type { SessionUser } from '../../../shared/api/auth';

// Who is signed in, per client (an Electron window, or a browser-harness cookie), kept in main's memory
// only: a restart signs everyone out. After the idle time the session locks; unlocking needs the same
// user's password, and the renderer keeps whatever was typed meanwhile.

export interface Session {
  user: SessionUser;
  lastActivity: number;
  locked: boolean;
}

export class Sessions {
  private readonly byClient = new Map<string, Session>();

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

  signIn(client: string, user: SessionUser, now: number): void {
    this.byClient.set(client, { user, lastActivity: now, locked: false });
  }

  signOut(client: string): void {
    this.byClient.delete(client);
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
    for (const [client, session] of this.byClient) if (session.user.id === userId) this.byClient.delete(client);
  }
}
