import type { Month, IsoDate } from '@shared/domain/dates';

// The office's calendar: local time of the ward PC (months turn at local midnight, not UTC).
const pad = (n: number) => String(n).padStart(2, '0');

export const currentMonth = (now: Date): Month => `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
export const today = (now: Date): IsoDate => `${currentMonth(now)}-${pad(now.getDate())}`;
