import type { Protocol } from 'electron';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME,
  APP_URL,
  registerAppScheme,
  respond,
  serveRenderer,
} from '../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../main/security';
import { protocol, standIn } from '../support/electron-stand-in';
import { tempDir } from '../support/temp';

// The app:// protocol serves the built renderer folder and nothing else. A temp "build": dir/renderer
// holds index.html and assets/app.js; dir/secret.txt sits next to it, outside, and must never be served.

const SECRET = 'BÍ MẬT: không được phục vụ';
const INDEX_HTML =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Sổ An Sinh</title></head><body></body></html>';
const APP_JS = 'export const hello = "xin chào";\n';

/** Attempts to leave the renderer folder: plain, percent-encoded, backslashed, malformed. */
const traversals = [
  'app://so-an-sinh/../secret.txt',
  'app://so-an-sinh/%2e%2e/secret.txt',
  'app://so-an-sinh/%2E%2E/secret.txt',
  'app://so-an-sinh/..%2fsecret.txt',
  'app://so-an-sinh/..%2Fsecret.txt',
  'app://so-an-sinh/%2e%2e%2fsecret.txt',
  'app://so-an-sinh/assets/..%2f..%2fsecret.txt',
  'app://so-an-sinh/..%5csecret.txt',
  'app://so-an-sinh/%2e%2e%2frenderer-evil%2findex.html',
  'app://so-an-sinh/%E0%A4%A',
  'app://so-an-sinh/%E0%A4%A/../../secret.txt',
];

let temp: ReturnType<typeof tempDir>;
let rendererDir: string;

beforeAll(() => {
  temp = tempDir('so-an-sinh-app-protocol-');
  rendererDir = join(temp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(temp.dir, 'secret.txt'), SECRET);
  // A sibling folder whose name starts like the renderer's: a prefix check alone would let it through.
  mkdirSync(join(temp.dir, 'renderer-evil'));
  writeFileSync(join(temp.dir, 'renderer-evil', 'index.html'), SECRET);
});

afterAll(() => temp.cleanup());

beforeEach(() => standIn.reset());

async function expectNotFound(url: string): Promise<void> {
  const response = await respond(url, rendererDir);
  expect(response.status, url).toBe(404);
  const body = await response.text();
  expect(body, url).not.toContain(SECRET);
  expect(body, url).not.toContain('BÍ MẬT');
  expect(response.headers.get('Content-Type'), url).toMatch(/^text\/plain/);
}

describe('the app:// constants', () => {
  it('name the app scheme, host and page', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://so-an-sinh');
    expect(APP_URL).toBe('app://so-an-sinh/index.html');
  });
});

describe('respond', () => {
  it('serves index.html with 200, text/html, the CSP header from main/security.ts and the file as body', async () => {
    const response = await respond('app://so-an-sinh/index.html', rendererDir);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toBe(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
  });

  it('serves APP_URL, and the #hash never reaches the file lookup', async () => {
    const response = await respond(`${APP_URL}#/ho-so/12`, rendererDir);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves index.html for the origin root', async () => {
    for (const url of ['app://so-an-sinh/', 'app://so-an-sinh']) {
      const response = await respond(url, rendererDir);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('Content-Type'), url).toMatch(/^text\/html/);
      expect(await response.text(), url).toBe(INDEX_HTML);
    }
  });

  it('serves assets with their type and the CSP header', async () => {
    const response = await respond('app://so-an-sinh/assets/app.js', rendererDir);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe(APP_JS);
  });

  it('answers 404 for a file that is not there', async () => {
    await expectNotFound('app://so-an-sinh/missing.js');
    await expectNotFound('app://so-an-sinh/assets/missing.js');
  });

  for (const url of traversals) {
    it(`answers 404 for ${url}, never the file outside the folder`, async () => {
      await expectNotFound(url);
    });
  }

  it('answers 404 for any other host, even for a file that exists', async () => {
    await expectNotFound('app://evil/index.html');
    await expectNotFound('app://so-an-sinh.evil/index.html');
    await expectNotFound('app://evil/../secret.txt');
  });
});

describe('registerAppScheme', () => {
  it("registers 'app' as a standard, secure privileged scheme", () => {
    registerAppScheme(protocol as unknown as Protocol);
    expect(standIn.protocol.privileged).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true } }]]);
  });
});

describe('serveRenderer', () => {
  it("registers one handler, on the 'app' scheme", () => {
    serveRenderer(protocol as unknown as Protocol, rendererDir);
    expect([...standIn.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('answers like respond(): pages and assets from the folder, 404 for traversal and other hosts', async () => {
    serveRenderer(protocol as unknown as Protocol, rendererDir);
    const handler = standIn.protocol.handlers.get('app')!;

    const page = await handler(new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe(INDEX_HTML);

    const script = await handler(new Request('app://so-an-sinh/assets/app.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe(APP_JS);

    for (const url of [...traversals, 'app://evil/index.html']) {
      const viaHandler = await handler(new Request(url));
      const direct = await respond(url, rendererDir);
      expect(viaHandler.status, url).toBe(404);
      expect(viaHandler.status, url).toBe(direct.status);
      expect(await viaHandler.text(), url).not.toContain(SECRET);
    }
  });
});
