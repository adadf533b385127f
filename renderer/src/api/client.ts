import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import { ApiError, CORE_RECONNECTED_MESSAGE, isApiErrorBody, type ApiResult } from '../../../shared/api/errors';
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

export function createApiClient(transport: Transport = pickTransport()) {
  return async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = (await transport(channel, input)) as ApiResult<ChannelOutput<C>>;
    if (result && typeof result === 'object' && 'ok' in result) {
      if (result.ok) return result.value;
      if (isApiErrorBody(result.error)) throw ApiError.fromBody(result.error);
    }
    throw new ApiError('INTERNAL', 'Phản hồi không hợp lệ từ phần xử lý của ứng dụng.');
  };
}

type Call = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/** Channels that work without a session ('public' in the contract): they are never LOCKED. */
const PUBLIC: ReadonlySet<Channel> = new Set<Channel>(['app.info', 'auth.state', 'auth.firstRun', 'auth.login', 'auth.unlock', 'auth.logout', 'auth.lock']);

/**
 * The session rules around every call, in one place: LOCKED shows the lock and sends the call again once
 * unlocked (a LOCKED call was refused before its handler ran); UNAUTHENTICATED goes back to sign-in.
 * Screens keep their state meanwhile; a call waiting for the unlock is refused if the user signs out.
 */
export function withSession(call: Call): Call {
  return async function sessionCall<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
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
}

export const SESSION_ENDED = 'Phiên làm việc đã kết thúc. Hãy đăng nhập lại.';

type SucceededListener = (channel: Channel, output: unknown) => void;
const succeeded = new Set<SucceededListener>();

/** Called after every call that main answered with success (the data layer invalidates its cache here). */
export function onCallSucceeded(listener: SucceededListener): () => void {
  succeeded.add(listener);
  return () => succeeded.delete(listener);
}

function notifying(call: Call): Call {
  return async function notifyingCall<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const output = await call(channel, input);
    for (const listener of succeeded) {
      try {
        listener(channel, output);
      } catch (error) {
        // A listener's bug must not turn a done write into a failure on screen.
        console.error(error);
      }
    }
    return output;
  };
}

export const api = notifying(withSession(createApiClient()));
