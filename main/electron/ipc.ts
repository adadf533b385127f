import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppCore } from '../core';
import { API_IPC_CHANNEL } from './ipc-channel';

// Main's side of the API: only our window's main frame, showing our own page, may call; the dispatcher
// then accepts only known channels and valid input.

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

const FORBIDDEN = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Yêu cầu bị từ chối: không đến từ cửa sổ của Sổ An Sinh.' },
} as const;

export function registerApiIpc(ipcMain: IpcMain, core: Pick<AppCore, 'call'>, isTrustedSender: SenderCheck): void {
  ipcMain.handle(API_IPC_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return FORBIDDEN;
    // Each window is its own client: its own sign-in session.
    return core.call(channel, input, `ipc:${event.sender.id}`);
  });
}

/** The sender must be the given window's main frame, showing the app's own index.html. */
export function trustedSender(getContents: () => WebContents | undefined, appUrl: string): SenderCheck {
  const expected = withoutHash(appUrl);
  return (event) => {
    const contents = getContents();
    const frame = event.senderFrame;
    if (!contents || !frame || event.sender !== contents) return false;
    if (frame !== contents.mainFrame) return false;
    return withoutHash(frame.url) === expected;
  };
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}
