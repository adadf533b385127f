import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eachTestCoreWithUsb, enrollNew, type TestCore } from '../support/register';

// The .sasbak key derivation (issue 12, item 6): the app's scrypt cost, never the file's; the two
// parameter sets it has written are the only ones accepted; new backups need a passphrase of reasonable strength.

let dir: string;
let core: TestCore;
let usb: string;
eachTestCoreWithUsb((fresh) => ({ dir, core, usb } = fresh));

const PASS = 'mật khẩu dài 2026';

/** A .sasbak file of `plain` written as the documented format says, with the given scrypt parameters. */
function sasbak(plain: Buffer, kdf: { N: number; r: number; p: number }, passphrase = PASS): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = Buffer.from(
    JSON.stringify({
      kdf: 'scrypt',
      ...kdf,
      salt: salt.toString('base64'),
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      createdAt: '2026-01-01T00:00:00.000Z',
      appVersion: 'old',
      schemaVersion: 6,
      bytes: plain.length,
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const prefix = Buffer.concat([Buffer.from('SASBAK01', 'latin1'), length, header]);
  // A real key only where it is cheap: the refused sets must be refused before any scrypt.
  const known = (kdf.N === 32768 || kdf.N === 131072) && kdf.r === 8 && kdf.p === 1;
  const key = known
    ? scryptSync(passphrase.normalize('NFC'), salt, 32, { ...kdf, maxmem: 256 * 1024 * 1024 })
    : randomBytes(32);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(prefix);
  return Buffer.concat([prefix, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

describe('backup key derivation and passphrase', () => {
  it('a header asking for another scrypt cost is refused at once, without deriving a key; the old (2^15) set still opens', async () => {
    core.as('officer');
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-11'),
    );
    core.as('admin');
    const plain = await core.job('backup.create', { folder: usb });
    const bytes = readFileSync(plain.path);

    const old = join(usb, 'cu.sasbak');
    writeFileSync(old, sasbak(bytes, { N: 32768, r: 8, p: 1 }));
    expect(await core.ok('backup.inspect', { path: old, passphrase: PASS })).toMatchObject({
      people: 1,
      encrypted: true,
    });

    for (const kdf of [
      { N: 1 << 20, r: 8, p: 1 },
      { N: 1 << 17, r: 16, p: 1 },
      { N: 1 << 17, r: 8, p: 4 },
      { N: 1024, r: 8, p: 1 },
    ]) {
      const path = join(usb, `la-${kdf.N}-${kdf.r}-${kdf.p}.sasbak`);
      writeFileSync(path, sasbak(bytes, kdf));
      const rssBefore = process.memoryUsage().rss;
      const started = Date.now();
      const refused = await core.fail('backup.inspect', { path, passphrase: PASS });
      expect(refused.message, JSON.stringify(kdf)).toContain('tham số tạo khoá mà Sổ An Sinh không dùng');
      // Refused before scrypt: no 1 GB, no seconds (one scrypt of 2^17 alone takes ~0.4–0.8 s and 128 MiB).
      expect(Date.now() - started).toBeLessThan(300);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    }
  });

  it('new backups use N = 2^17; a weak passphrase is refused with the rule in Vietnamese, for backups and the province export', async () => {
    core.as('admin');
    for (const weak of ['ngan', 'abcdefghijkl', 'matkhau12345678', 'Mật khẩu 2026!!']) {
      const refused = await core.fail('backup.create', { folder: usb, passphrase: weak });
      expect(refused, weak).toMatchObject({
        code: 'INVALID_INPUT',
        issues: [{ path: 'passphrase', message: expect.stringMatching(/^Cụm mật khẩu/) }],
      });
    }
    core.as('accountant');
    const province = await core.fail('reports.exportProvince', {
      month: '2026-11',
      folder: usb,
      reports: ['noncash'],
      passphrase: '123456789012',
    });
    expect(province.issues?.[0]).toMatchObject({
      path: 'passphrase',
      message: expect.stringContaining('dãy liên tiếp'),
    });

    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb, passphrase: PASS });
    const bytes = readFileSync(backup.path);
    const header = JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32BE(8)).toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(header).toMatchObject({ kdf: 'scrypt', N: 131072, r: 8, p: 1 });
  });

  it("README's Python snippet opens a backup written with today's parameters", async () => {
    let python = true;
    try {
      execFileSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' });
    } catch {
      python = false;
    }
    if (!python) return; // the snippet needs the 'cryptography' package (not on every machine)
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const snippet = /```python\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('The encrypted backup format')))![1]!;
    writeFileSync(join(dir, 'mo.py'), snippet);
    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb, passphrase: PASS });
    execFileSync('python3', [join(dir, 'mo.py'), backup.path, PASS, join(dir, 'ra.sqlite')]);
    expect(readFileSync(join(dir, 'ra.sqlite')).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });
});
