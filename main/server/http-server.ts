import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { AppCore } from '../core';
import { MAX_INPUT_BYTES } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../security';
import { resolveStaticFile } from '../static-files';
import { logError } from '../log';

// The browser harness: the built renderer and `POST /api/<channel>` into the same dispatcher Electron's
// IPC uses. For tests, development and demos where Electron cannot start. Loopback only; requests must
// name this server as Host (against DNS rebinding) and API calls must be JSON from this origin.

export const HARNESS_HOST = '127.0.0.1';

export interface HarnessServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** An in-process core (tests) or the core host relaying to the core worker (serve.ts). */
export async function startHarnessServer(
  core: Pick<AppCore, 'call' | 'moveClient'>,
  staticDir: string,
  port = 0,
): Promise<HarnessServer> {
  const root = resolve(staticDir);
  const cookies = new SessionCookies();
  let allowedHosts = new Set<string>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logError('harness', 'a request failed', error);
      if (!res.headersSent) sendJson(res, 500, apiError('INTERNAL', 'Lỗi máy chủ thử nghiệm.'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendJson(res, 403, apiError('FORBIDDEN', 'Máy chủ thử nghiệm chỉ nhận yêu cầu từ chính máy này.'));
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const client = cookies.clientOf(req, res);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, decodeURIComponent(url.pathname.slice(5)), client);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, apiError('FORBIDDEN', 'Phương thức không được hỗ trợ.'));
      return;
    }
    serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string, client: string): Promise<void> {
    const origin = req.headers.origin;
    if (req.method !== 'POST') {
      sendJson(res, 405, apiError('FORBIDDEN', 'Chỉ chấp nhận POST.'));
      return;
    }
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      sendJson(res, 403, apiError('FORBIDDEN', 'Yêu cầu từ trang khác bị từ chối.'));
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, apiError('INVALID_INPUT', 'Yêu cầu phải là JSON.'));
      return;
    }
    const body = await readBody(req, MAX_INPUT_BYTES);
    if (body === undefined) {
      sendJson(res, 413, apiError('INVALID_INPUT', 'Dữ liệu gửi lên quá lớn.'));
      return;
    }
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      sendJson(res, 400, apiError('INVALID_INPUT', 'Dữ liệu gửi lên không đúng định dạng JSON.'));
      return;
    }
    // A dispatched call always answers 200 with {ok, value | error}: an invalid form is an answer, not a
    // transport failure (and Chromium would log every 4xx as a console error).
    const result = await core.call(channel, input, client);
    // Session rotation: a successful sign-in moves the session to a fresh cookie, so a cookie value
    // planted or seen before sign-in (session fixation) never carries a signed-in session.
    if (result.ok && SIGN_IN_CHANNELS.has(channel)) core.moveClient(client, cookies.issue(res));
    sendJson(res, 200, result);
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const file = resolveStaticFile(root, pathname);
    if (!file) {
      sendJson(res, 404, apiError('NOT_FOUND', 'Không tìm thấy.'));
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.size,
      'Cache-Control': 'no-store',
      ...(file.type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    });
    createReadStream(file.path).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, HARNESS_HOST, () => resolveListen());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  allowedHosts = new Set([`${HARNESS_HOST}:${actualPort}`, `localhost:${actualPort}`]);
  return {
    server,
    url: `http://${HARNESS_HOST}:${actualPort}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const SESSION_COOKIE = 'so_an_sinh_phien';
const SIGN_IN_CHANNELS = new Set(['auth.login', 'auth.firstRun']);

/**
 * Each browser is its own client, named by a random HttpOnly, SameSite=Strict cookie: the sign-in session
 * lives in main's memory under that name; the page never sees the cookie. Only values this server issued
 * are accepted: a value is 16 random bytes and their HMAC under a key made at start (43 characters, as
 * before), so a value it never issued (or one from an earlier run) is ignored and replaced, and nothing
 * is stored per cookie (a flood of cookie-less requests costs no memory).
 */
class SessionCookies {
  private readonly key = randomBytes(32);

  private mac(nonce: Buffer): Buffer {
    return createHmac('sha256', this.key).update(nonce).digest().subarray(0, 16);
  }

  private valid(token: string): boolean {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== 32) return false;
    return timingSafeEqual(bytes.subarray(16), this.mac(bytes.subarray(0, 16)));
  }

  /** A fresh cookie value, set on the response; returns the client name it stands for. */
  issue(res: ServerResponse): string {
    const nonce = randomBytes(16);
    const token = Buffer.concat([nonce, this.mac(nonce)]).toString('base64url');
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    return `http:${token}`;
  }

  clientOf(req: IncomingMessage, res: ServerResponse): string {
    const values = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
    const found = values.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.slice(SESSION_COOKIE.length + 1);
    if (found && this.valid(found)) return `http:${found}`;
    return this.issue(res);
  }
}

function apiError(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
