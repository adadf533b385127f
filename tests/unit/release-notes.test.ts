import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, notesBetween, type ReleaseNotes } from '@shared/domain/release-notes';

const root = join(__dirname, '../..');
const notes = JSON.parse(readFileSync(join(root, 'resources/release-notes/vi.json'), 'utf8')) as Record<
  string,
  unknown
>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

describe('release notes (resources/release-notes/vi.json)', () => {
  it('has notes, in Vietnamese, for the version in package.json', () => {
    const entry = notes[pkg.version] as { date: string; items: string[] } | undefined;
    expect(entry, `add an entry "${pkg.version}" to resources/release-notes/vi.json`).toBeDefined();
    expect(entry!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry!.items.length).toBeGreaterThan(0);
    for (const item of entry!.items)
      expect(item).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50)),
        fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50)),
        (a, b) => {
          const x = a.join('.');
          const y = b.join('.');
          expect(Math.sign(compareVersions(x, y))).toBe(-Math.sign(compareVersions(y, x)));
          const lexical = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
          expect(Math.sign(compareVersions(x, y))).toBe(Math.sign(lexical));
        },
      ),
    );
  });

  it('shows the releases after the one that ran, up to this one, newest first', () => {
    const sample: ReleaseNotes = {
      '0.1.0': { date: '2026-12-07', items: ['a'] },
      '0.2.0': { date: '2027-01-05', items: ['b'] },
      '0.10.0': { date: '2027-06-01', items: ['c'] },
    };
    expect(notesBetween(sample, '0.1.0', '0.10.0').map((r) => r.version)).toEqual(['0.10.0', '0.2.0']);
    expect(notesBetween(sample, '0.2.0', '0.2.0')).toEqual([]);
  });
});
