// How a person reads times and sizes on screen and in files meant for people (read-me files, exports):
// the office's local time as dd/mm/yyyy HH:mm, always zero-padded ("07/12/2026", never "7/12/2026"), and
// sizes in KB/MB with the Vietnamese decimal comma. One place, so every screen and file says it alike.

const pad2 = (n: number): string => String(n).padStart(2, '0');

function toDate(at: Date | string): Date | null {
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A moment (Date or stored ISO timestamp, UTC) as local "dd/mm/yyyy"; the input unchanged if unreadable. */
export function formatLocalDate(at: Date | string): string {
  const d = toDate(at);
  if (!d) return String(at);
  return `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** A moment as local "dd/mm/yyyy HH:mm" (with ":ss" when asked). */
export function formatLocalDateTime(at: Date | string, options: { seconds?: boolean } = {}): string {
  const d = toDate(at);
  if (!d) return String(at);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}${options.seconds ? `:${pad2(d.getSeconds())}` : ''}`;
  return `${formatLocalDate(d)} ${time}`;
}

/** "HH:mm" today, or "HH:mm ngày dd/mm/yyyy" another day. */
export function formatLocalTimeShort(at: Date | string, now: Date = new Date()): string {
  const d = toDate(at);
  if (!d) return String(at);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return d.toDateString() === now.toDateString() ? time : `${time} ngày ${formatLocalDate(d)}`;
}

/** The local UTC offset written as people read it: "GMT+7". */
export function localOffsetLabel(at: Date = new Date()): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `GMT${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad2(abs % 60)}` : ''}`;
}

/** Groups of three with dots, decimals with a comma: 1234,5 → "1.234,5" (no Intl data needed). */
function numberVi(n: number, decimals: number): string {
  const fixed = n.toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const trimmed = fraction?.replace(/0+$/, '');
  return trimmed ? `${grouped},${trimmed}` : grouped;
}

/** A file size as people read it: "1 KB" at least (never "byte"), "12 KB", "1,5 MB", "2,3 GB". */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`Kích thước tệp không hợp lệ: ${bytes}`);
  const kb = Math.max(1, Math.ceil(bytes / 1024));
  if (kb < 1024) return `${numberVi(kb, 0)} KB`;
  const mb = bytes / 1024 / 1024;
  if (Number(mb.toFixed(1)) < 1024) return `${numberVi(mb, 1)} MB`;
  return `${numberVi(mb / 1024, 1)} GB`;
}
