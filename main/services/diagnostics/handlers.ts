import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerTable } from '../../api/handlers';
import type { HandlerContext } from '../../api/context';
import type { diagnosticsChannels, SavedLogs } from '@shared/api/diagnostics';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { logError, logsForSupport } from '../../log';
import { writeFilesSafely } from '../files/write';

// The error log's channels (main/log.ts keeps the file; shared/api/diagnostics.ts the contract).

/** 2026-12-07T06:45:00Z → 'nhat-ky-loi-20261207-0645.txt' (UTC, so the name needs no time zone). */
const fileNameAt = (now: Date) =>
  `nhat-ky-loi-${now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}.txt`;

export function startSaveLogs(
  ctx: HandlerContext,
  input: { folder?: string | undefined },
): ChannelOutput<'diagnostics.saveLogs'> {
  const { store, user, now, app } = ctx;
  const jobId = startJob('diagnostics.saveLogs', 'Đang chuẩn bị nhật ký lỗi…', async (progress) => {
    progress(0, 1);
    await yieldToEventLoop();
    const heading = `${app.appName} ${app.appVersion} (${app.shell}) — nhật ký lỗi lấy lúc ${now.toISOString()}`;
    const { text, files } = logsForSupport(heading);
    const fileName = fileNameAt(now);
    const bytes = Buffer.from(text, 'utf8');
    const written = input.folder ? (await writeFilesSafely(input.folder, [{ name: fileName, data: bytes }]))[0]! : null;
    auditedWrite(store, user, now, (audit) =>
      audit({
        action: 'diagnostics.saveLogs',
        entity: 'log',
        detail: { files, bytes: bytes.length, toFolder: written !== null },
      }),
    );
    progress(1, 1);
    const result: SavedLogs = {
      fileName: written?.name ?? fileName,
      contentBase64: written ? '' : bytes.toString('base64'),
      path: written?.path ?? null,
      files,
      bytes: bytes.length,
    };
    return result;
  });
  return { jobId };
}

export const diagnosticsHandlers: Pick<HandlerTable, keyof typeof diagnosticsChannels> = {
  'diagnostics.reportError': (_ctx, input) => {
    const detail = [input.stack, input.componentStack && `Thành phần:${input.componentStack}`]
      .filter(Boolean)
      .join('\n');
    logError('renderer', `a screen failed to render at ${input.where}: ${input.message}`, detail || undefined);
    return { logged: true };
  },
  'diagnostics.saveLogs': (ctx: HandlerContext, input) => startSaveLogs(ctx, input),
};
