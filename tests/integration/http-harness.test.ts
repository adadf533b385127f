import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import { startHarnessServer, type HarnessServer } from '../../main/server/http-server';
import { tempDir } from '../support/temp';
import { seedTestUsers } from '../support/register';
import { hashPassword } from '../../main/services/auth/passwords';

// The browser harness's own guards, over real HTTP on loopback.

let dir: string;
let cleanup: () => void;
let core: AppCore;
let harness: HarnessServer;
let port: number;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Sổ An Sinh</title>');
  writeFileSync(join(dir, 'secret.txt'), 'không được lộ');
  core = createAppCore({ dbPath: join(dir, 'so.sqlite'), appVersion: 'test', shell: 'browser-harness' });
  harness = await startHarnessServer(core, staticDir, 0);
  port = Number(new URL(harness.url).port);
});
afterAll(async () => {
  await harness.close();
  core.close();
  cleanup();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the browser harness', () => {
  it('listens on loopback only', () => {
    const address = harness.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('serves the UI with the strict CSP header', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Sổ An Sinh');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('passes API calls to the same dispatcher, each browser with its own HttpOnly session cookie', async () => {
    const anonymous = await api('settings.getOffice', {});
    expect(anonymous.status).toBe(200);
    expect(JSON.parse(anonymous.body)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Hãy đăng nhập để tiếp tục.' },
    });
    const cookie = String(anonymous.headers['set-cookie']);
    expect(cookie).toMatch(/^so_an_sinh_phien=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const token = cookie.split(';')[0]!;
    expect(JSON.parse((await api('auth.state', {}, { cookie: token })).body)).toMatchObject({
      ok: true,
      value: { state: 'first-run' },
    });
    // Signed in (as the harness would after auth.login) under that cookie, and only under it.
    core.signInInProcess(`http:${token.split('=')[1]}`, seedTestUsers(core).admin);
    const ok = await api('settings.getOffice', {}, { cookie: token });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { unitName: '' } });
    expect(JSON.parse((await api('settings.getOffice', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const unknown = await api('nope.nothing', {});
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebinding = await send('/api/settings.getOffice', {
      method: 'POST',
      headers: { host: `evil.example:${port}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rebinding.status).toBe(403);
    const foreign = await api('settings.getOffice', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.message).toContain('từ chối');
  });

  it('refuses non-JSON posts, malformed JSON, oversized bodies and GET on the API', async () => {
    const form = await send('/api/settings.saveOffice', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const malformed = await send('/api/settings.getOffice', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    const huge = await api('settings.saveOffice', { unitName: 'x'.repeat(33 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.message).toContain('quá lớn');
    const get = await send('/api/settings.getOffice');
    expect(get.status).toBe(405);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/renderer/../../secret.txt']) {
      const reply = await send(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('không được lộ');
    }
  });

  it('ignores and replaces a cookie value it never issued, and rotates the cookie at sign-in', async () => {
    seedTestUsers(core);
    core
      .store!.sqlite.prepare("UPDATE users SET password_hash = ? WHERE username = 'canbo'")
      .run(await hashPassword('mat-khau-can-bo'));
    const cookieOf = (reply: Reply) => String(reply.headers['set-cookie'] ?? '').split(';')[0]!;
    // A value of the right shape that this server never issued (planted by someone, or from an earlier run).
    const forged = `so_an_sinh_phien=${'A'.repeat(43)}`;
    const first = await api('auth.state', {}, { cookie: forged });
    const replaced = cookieOf(first);
    expect(replaced).toMatch(/^so_an_sinh_phien=[A-Za-z0-9_-]{43}$/);
    expect(replaced).not.toBe(forged);
    // Signing in with the forged value: the session goes to a fresh cookie, never to the forged value.
    const login = await api('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' }, { cookie: forged });
    expect(JSON.parse(login.body)).toMatchObject({ ok: true, value: { state: 'signed-in' } });
    const session = cookieOf(login);
    expect(session).not.toBe(forged);
    expect(JSON.parse((await api('auth.state', {}, { cookie: forged })).body)).toMatchObject({
      ok: true,
      value: { state: 'signed-out' },
    });
    expect(JSON.parse((await api('auth.state', {}, { cookie: session })).body)).toMatchObject({
      ok: true,
      value: { state: 'signed-in' },
    });
    // An issued cookie is rotated at sign-in too: the value seen before sign-in carries no session after it.
    const before = cookieOf(await api('auth.state', {}));
    const again = await api('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' }, { cookie: before });
    const after = cookieOf(again);
    expect(after).toMatch(/^so_an_sinh_phien=/);
    expect(after).not.toBe(before);
    expect(JSON.parse((await api('auth.state', {}, { cookie: before })).body)).toMatchObject({
      ok: true,
      value: { state: 'signed-out' },
    });
    expect(JSON.parse((await api('auth.state', {}, { cookie: after })).body)).toMatchObject({
      ok: true,
      value: { state: 'signed-in' },
    });
    // A valid cookie is kept as is (no Set-Cookie) on ordinary calls.
    expect((await api('auth.state', {}, { cookie: after })).headers['set-cookie']).toBeUndefined();
  });
});
