import { randomUUID } from 'node:crypto';
import { ApiError } from '@shared/api/errors';
import type { ParsedSheet } from './workbook';

// The parsed file stays in main's memory between the wizard's steps (analyze → preview → commit), under
// a random token, so the renderer never sends the file twice. Limits: a few files at once, each kept for
// a while after its last use; the oldest goes first. Nothing here touches the database.

export interface ImportSession {
  token: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  sheets: ParsedSheet[];
  cellCount: number;
  lastUsed: number;
}

/** Kept this long after the last analyze/preview/commit call. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** At most this many parsed files at once (each up to MAX_CELLS cells). */
export const MAX_SESSIONS = 3;

const sessions = new Map<string, ImportSession>();

function expire(now: number): void {
  for (const [token, s] of sessions) if (now - s.lastUsed > SESSION_IDLE_MS) sessions.delete(token);
}

export function createSession(data: Omit<ImportSession, 'token' | 'lastUsed'>, now = Date.now()): ImportSession {
  expire(now);
  while (sessions.size >= MAX_SESSIONS) {
    const oldest = [...sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!;
    sessions.delete(oldest.token);
  }
  const session: ImportSession = { ...data, token: randomUUID(), lastUsed: now };
  sessions.set(session.token, session);
  return session;
}

export function getSession(token: string, now = Date.now()): ImportSession {
  expire(now);
  const session = sessions.get(token);
  if (!session) {
    throw new ApiError(
      'NOT_FOUND',
      'Tệp đã chọn không còn trong bộ nhớ (quá 30 phút không dùng, hoặc đã nhập xong). Hãy chọn lại tệp.',
    );
  }
  session.lastUsed = now;
  return session;
}

export const sessionExpiresAt = (s: ImportSession): string => new Date(s.lastUsed + SESSION_IDLE_MS).toISOString();

export function dropSession(token: string): boolean {
  return sessions.delete(token);
}
