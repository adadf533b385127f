import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, actionLabel } from '../../shared/domain/audit-actions';

// The audit screen and its Excel export show every action in Vietnamese: each action code main writes
// (the `action: '…'` literals of audit entries under main/services and main/api) needs a label.

const ROOT = join(__dirname, '../../main');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'electron' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('audit action labels', () => {
  it('has a Vietnamese label for every action code main records', () => {
    const codes = new Set<string>();
    for (const file of sources(ROOT)) {
      // `action: 'a.b'` or `action: cond ? 'a.b' : 'a.c'`: every dotted literal in the expression.
      for (const m of readFileSync(file, 'utf8').matchAll(/\baction: ([^,\n]+)/g)) {
        for (const code of m[1]!.matchAll(/'([a-zA-Z][\w]*\.[\w.]+)'/g)) codes.add(code[1]!);
      }
      for (const m of readFileSync(file, 'utf8').matchAll(/recordRefusal\([^,]+, [^,]+, '([\w.]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((code) => !ACTION_LABELS[code]).sort()).toEqual([]);
  });

  it('falls back to the code for an unknown action', () => {
    expect(actionLabel('auth.login')).toBe('Đăng nhập');
    expect(actionLabel('something.new')).toBe('something.new');
  });
});
