import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import { ApiError, isApiErrorBody, type ApiResult } from '../../../shared/api/errors';

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

export const api = createApiClient();
