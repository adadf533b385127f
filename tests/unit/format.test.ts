import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFileSize, formatLocalDate, formatLocalDateTime, localOffsetLabel } from '@shared/domain/format';

// How people read times and sizes: local time, dd/mm/yyyy always zero-padded, KB/MB never "byte".

describe('formatLocalDate / formatLocalDateTime', () => {
  it('pads day and month ("07/12/2026", never "7/12/2026") in local time', () => {
    const at = new Date(2026, 11, 7, 9, 5, 3); // local
    expect(formatLocalDate(at)).toBe('07/12/2026');
    expect(formatLocalDateTime(at)).toBe('07/12/2026 09:05');
    expect(formatLocalDateTime(at, { seconds: true })).toBe('07/12/2026 09:05:03');
    expect(formatLocalDateTime(at.toISOString())).toBe('07/12/2026 09:05');
  });

  it('always writes dd/mm/yyyy HH:mm for any moment', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(1900, 0, 1), max: new Date(2200, 0, 1), noInvalidDate: true }), (d) => {
        const text = formatLocalDateTime(d);
        return (
          /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(text) && text.slice(0, 2) === String(d.getDate()).padStart(2, '0')
        );
      }),
    );
  });

  it('leaves an unreadable value as it is', () => {
    expect(formatLocalDateTime('không rõ')).toBe('không rõ');
  });

  it('names the local offset as GMT±h', () => {
    expect(localOffsetLabel()).toMatch(/^GMT[+-]\d{1,2}(:\d{2})?$/);
  });
});

describe('formatFileSize', () => {
  it('uses KB and MB with a decimal comma, never "byte"', () => {
    expect(formatFileSize(0)).toBe('1 KB');
    expect(formatFileSize(300)).toBe('1 KB');
    expect(formatFileSize(12_345)).toBe('13 KB');
    expect(formatFileSize(1_500_000)).toBe('1,4 MB');
    expect(formatFileSize(3 * 1024 * 1024)).toBe('3 MB');
    expect(formatFileSize(1_234 * 1024)).toBe('1,2 MB');
    expect(formatFileSize(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatFileSize(999 * 1024)).toBe('999 KB');
    expect(formatFileSize(1000 * 1024 * 10)).toBe('9,8 MB');
    expect(() => formatFileSize(-1)).toThrow(RangeError);
  });

  it('groups thousands with dots', () => {
    expect(formatFileSize(1023 * 1024 * 1024 * 1024)).toBe('1.023 GB');
  });

  it('is never below 1 KB and always KB/MB/GB', () => {
    fc.assert(fc.property(fc.nat(), (n) => /^[\d.]+(,\d)? (KB|MB|GB)$/.test(formatFileSize(n))));
  });
});
