import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMasked, maskIdentifier } from '@shared/domain/masking';

describe('maskIdentifier', () => {
  it('keeps the first 3 and last 4 characters of a citizen ID', () => {
    expect(maskIdentifier('060134025039')).toBe('060•••••5039');
    expect(maskIdentifier('123456789')).toBe('123••6789');
    expect(maskIdentifier('12345')).toBe('•••••');
    expect(maskIdentifier(null)).toBe('');
  });
  it('property: same length, never the full value, masked when long enough', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8,19}$/), (id) => {
        const masked = maskIdentifier(id);
        return masked.length === id.length && masked !== id && isMasked(masked) && masked.slice(-4) === id.slice(-4);
      }),
    );
  });
});
