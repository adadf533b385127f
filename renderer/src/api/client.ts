import type { JobId } from '@shared/api/channel';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract';
import type { JobStatus } from '@shared/api/import';
import { ApiError, CORE_RECONNECTED_MESSAGE, isApiErrorBody, type ApiResult } from '@shared/api/errors';
import { sessionGate } from '../auth/sessionGate';

// The renderer's one API client. In the desktop app it calls through the preload's `invoke` (Electron
// IPC); in the browser harness it POSTs to /api/<channel> on the same origin. Same contract either way.

type Transport = (channel: string, input: unknown) => Promise<unknown>;

interface PreloadBridge {
  invoke: Transport;
}

declare global {
  interface Window {
    soAnSinh?: PreloadBridge;
  }
}

const httpTransport: Transport = async (channel, input) => {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiError('INTERNAL', 'Không kết nối được với phần xử lý của ứng dụng. Hãy khởi động lại ứng dụng.');
  }
  return response.json();
};

function pickTransport(): Transport {
  const bridge = typeof window !== 'undefined' ? window.soAnSinh : undefined;
  return bridge ? (channel, input) => bridge.invoke(channel, input) : httpTransport;
}

/**
 * A typed call of the contract. jobs.get and jobs.cancel answer the status of the job whose id they get,
 * with its result typed by the job channel that started it (the id carries it: shared/api/channel.ts).
 */
export interface Call {
  <R>(channel: 'jobs.get' | 'jobs.cancel', input: { jobId: JobId<R> }): Promise<JobStatus<R>>;
  <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}
type UntypedCall = (channel: Channel, input: unknown) => Promise<unknown>;

export function createApiClient(transport: Transport = pickTransport()): Call {
  const call: UntypedCall = async (channel, input) => {
    const result = (await transport(channel, input)) as ApiResult<unknown>;
    if (result && typeof result === 'object' && 'ok' in result) {
      if (result.ok) return result.value;
      if (isApiErrorBody(result.error)) throw ApiError.fromBody(result.error);
    }
    throw new ApiError('INTERNAL', 'Phản hồi không hợp lệ từ phần xử lý của ứng dụng.');
  };
  // The transport is untyped JSON; the contract's types are the promise main keeps (it checks every input).
  return call as Call;
}

/** Channels that work without a session ('public' in the contract): they are never LOCKED. */
const PUBLIC: ReadonlySet<Channel> = new Set<Channel>([
  'app.info',
  'auth.state',
  'auth.firstRun',
  'auth.login',
  'auth.unlock',
  'auth.logout',
  'auth.lock',
]);

/**
 * The session rules around every call, in one place: LOCKED shows the lock and sends the call again once
 * unlocked (a LOCKED call was refused before its handler ran); UNAUTHENTICATED goes back to sign-in.
 * Screens keep their state meanwhile; a call waiting for the unlock is refused if the user signs out.
 */
export function withSession(typed: Call): Call {
  const call = typed as UntypedCall;
  const sessionCall: UntypedCall = async (channel, input) => {
    for (;;) {
      try {
        return await call(channel, input);
      } catch (error) {
        // A wrong password on unlock or change of password is INVALID_INPUT (the session goes on).
        if (!(error instanceof ApiError) || (PUBLIC.has(channel) && channel !== 'auth.unlock')) throw error;
        if (error.code === 'LOCKED') {
          await sessionGate.lock();
          continue;
        }
        if (error.code === 'UNAUTHENTICATED') {
          // Signed out elsewhere, disabled by the administrator, or main restarted; the app's core
          // restarting after a crash says so itself (the sign-in screen shows why).
          sessionGate.ended(error.message === CORE_RECONNECTED_MESSAGE ? error.message : SESSION_ENDED);
        }
        throw error;
      }
    }
  };
  return sessionCall as Call;
}

export const SESSION_ENDED = 'Phiên làm việc đã kết thúc. Hãy đăng nhập lại.';

/**
 * The register closed under the app (issue 18: its integrity check runs after the first screen and found
 * it damaged): boot.ts listens and starts over, and app.info then leads to the recovery screen.
 */
const dbLostListeners = new Set<() => void>();
export function onDbUnavailable(listener: () => void): () => void {
  dbLostListeners.add(listener);
  return () => dbLostListeners.delete(listener);
}

function withDbWatch(call: Call): Call {
  return async function watchedCall<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    try {
      return await call(channel, input);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DB_UNAVAILABLE')
        for (const listener of [...dbLostListeners]) listener();
      throw error;
    }
  };
}

type SucceededListener = (channel: Channel, output: unknown) => void | Promise<void>;
const succeeded = new Set<SucceededListener>();

/** Called after every call that main answered with success (the data layer invalidates its cache here). */
export function onCallSucceeded(listener: SucceededListener): () => void {
  succeeded.add(listener);
  return () => succeeded.delete(listener);
}

function notifying(call: Call): Call {
  return async function notifyingCall<C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<ChannelOutput<C>> {
    const output = await call(channel, input);
    // The call's answer comes back once the listeners are done: after a write, the screens' data is
    // already the new one when the caller goes on (e.g. to the person page after Lưu).
    await Promise.all(
      [...succeeded].map(async (listener) => {
        try {
          await listener(channel, output);
        } catch (error) {
          // A listener's bug must not turn a done write into a failure on screen.
          console.error(error);
        }
      }),
    );
    return output;
  };
}

export const api = withDbWatch(notifying(withSession(createApiClient())));
