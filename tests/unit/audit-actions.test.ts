import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, AUDIT_ENTITY_LABELS, actionLabel, auditEntityLabel } from '@shared/domain/audit-actions';

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

  it('names every entity main records in Vietnamese, never with an English code or a path', () => {
    const entities = new Set<string>();
    for (const file of sources(ROOT)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bentity: '([a-z_]+)'/g)) entities.add(m[1]!);
    }
    expect(entities.size).toBeGreaterThan(10);
    expect([...entities].filter((e) => !AUDIT_ENTITY_LABELS[e]).sort()).toEqual([]);
    // The three the issue saw: "backup", "report noncash", "authorization số 52".
    expect(auditEntityLabel('backup', '/media/usb/so-an-sinh-sao-luu.sasbak')).toBe('Bản sao lưu');
    expect(auditEntityLabel('report', 'noncash')).toBe('Báo cáo tiến độ chi trả không dùng tiền mặt');
    expect(auditEntityLabel('report', '/media/usb/bao-cao-2024-10')).toBe('Bộ báo cáo gửi tỉnh');
    expect(auditEntityLabel('authorization', '52')).toBe('Giấy ủy quyền số 52');
    expect(auditEntityLabel('user', '3', (id) => (id === 3 ? 'canbo' : undefined))).toBe('Tài khoản canbo');
    expect(auditEntityLabel('bank', 'VCB')).toBe('Ngân hàng VCB');
    expect(auditEntityLabel('something_new', 'x')).toBe('Dữ liệu khác');
    for (const label of Object.values(AUDIT_ENTITY_LABELS))
      expect(label).not.toMatch(/[a-z]+_[a-z]+|backup|report|export/i);
  });
});
