import type { ApiErrorCode } from '@shared/api/errors';

// Why the database could not be used, in words an officer can act on. Each message says what happened,
// that nothing was changed, and what to do next.

export type DbProblem =
  'NOT_SQLITE' | 'CORRUPT' | 'TOO_NEW' | 'READ_ONLY' | 'DISK_FULL' | 'CANNOT_OPEN' | 'UPGRADE_BACKUP';

export class DbOpenError extends Error {
  constructor(
    readonly problem: DbProblem,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DbOpenError';
  }
}

export const DB_MESSAGES = {
  NOT_SQLITE: (path: string) =>
    `Tệp «${path}» không phải là tệp dữ liệu của Sổ An Sinh (không phải cơ sở dữ liệu SQLite). Tệp không bị thay đổi. Hãy chọn đúng tệp dữ liệu hoặc khôi phục từ bản sao lưu.`,
  CORRUPT: (path: string) =>
    `Tệp dữ liệu «${path}» bị hỏng (kiểm tra tính toàn vẹn không đạt). Ứng dụng không ghi gì vào tệp này. Hãy khôi phục từ bản sao lưu gần nhất và báo cho cán bộ kỹ thuật.`,
  TOO_NEW: (found: number, supported: number, writtenBy?: string, running?: string) =>
    `Tệp dữ liệu được tạo bởi phiên bản Sổ An Sinh mới hơn (${writtenBy ? `phiên bản ${writtenBy}, ` : ''}lược đồ số ${found}); ` +
    `phiên bản đang chạy${running ? ` (${running})` : ''} chỉ hỗ trợ đến lược đồ số ${supported}. Dữ liệu không bị thay đổi. ` +
    (writtenBy
      ? `Hãy cài Sổ An Sinh phiên bản ${writtenBy} trở lên rồi mở lại.`
      : 'Hãy cài phiên bản Sổ An Sinh mới hơn.'),
  UPGRADE_BACKUP: (path: string, reason: string) =>
    `Chưa nâng cấp tệp dữ liệu «${path}» lên phiên bản mới vì không tạo được bản sao lưu trước khi nâng cấp (${reason}). ` +
    'Dữ liệu không bị thay đổi. Hãy giải phóng dung lượng ổ đĩa hoặc kiểm tra quyền ghi thư mục sao-luu rồi mở lại.',
  READ_ONLY: (path: string) =>
    `Không ghi được vào «${path}»: ổ đĩa hoặc thư mục chỉ cho phép đọc. Dữ liệu không bị thay đổi. Hãy đặt tệp dữ liệu trên ổ đĩa của máy (không phải ổ chỉ đọc) rồi mở lại.`,
  DISK_FULL: () =>
    'Ổ đĩa đã đầy nên chưa lưu được thay đổi. Dữ liệu đã lưu trước đó vẫn nguyên vẹn. Hãy giải phóng dung lượng ổ đĩa rồi thử lại.',
  CANNOT_OPEN: (path: string) =>
    `Không mở được tệp dữ liệu «${path}». Dữ liệu không bị thay đổi. Hãy kiểm tra ổ đĩa và quyền truy cập thư mục.`,
} as const;

interface SqliteLikeError {
  code?: string;
  message?: string;
}

/** Maps a SQLite or file-system error to a problem kind, or undefined when it is not a storage problem. */
export function storageProblemOf(error: unknown): DbProblem | undefined {
  const e = (error ?? {}) as SqliteLikeError;
  const code = e.code ?? '';
  if (
    code === 'SQLITE_FULL' ||
    code === 'ENOSPC' ||
    (code.startsWith('SQLITE_IOERR') && /ENOSPC|full/i.test(e.message ?? ''))
  )
    return 'DISK_FULL';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return 'READ_ONLY';
  if (code === 'SQLITE_NOTADB') return 'NOT_SQLITE';
  if (code.startsWith('SQLITE_CORRUPT')) return 'CORRUPT';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) return 'CANNOT_OPEN';
  return undefined;
}

export function messageForProblem(problem: DbProblem, path: string): string {
  switch (problem) {
    case 'TOO_NEW':
    case 'UPGRADE_BACKUP':
      return DB_MESSAGES.CANNOT_OPEN(path);
    case 'DISK_FULL':
      return DB_MESSAGES.DISK_FULL();
    default:
      return DB_MESSAGES[problem](path);
  }
}

/** The API error code a storage problem surfaces as, when it happens during a call. */
export function apiCodeForProblem(problem: DbProblem): ApiErrorCode {
  if (problem === 'DISK_FULL') return 'DISK_FULL';
  if (problem === 'READ_ONLY') return 'READ_ONLY';
  return 'DB_UNAVAILABLE';
}
