import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// End-to-end helpers: the built browser harness (`node dist/main/serve.js`) as a child process on a free
// port, and Debian's Chromium driven by playwright-core. The tests never build: `npm test` builds first.

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVE_JS = join(PROJECT_ROOT, 'dist/main/serve.js');
const RENDERER_INDEX = join(PROJECT_ROOT, 'dist/renderer/index.html');

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The office PCs' screen. */
export const VIEWPORT = { width: 1366, height: 768 };

export function assertBuilt(): void {
  for (const file of [SERVE_JS, RENDERER_INDEX]) {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: the e2e tests run against the built app. Run \`npm run build\` first (\`npm test\` does it for you).`,
      );
    }
  }
}

export function makeTempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 10 s). Safe to call twice. */
  stop(): Promise<void>;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)/;

/** Starts `node dist/main/serve.js --db <dbPath> --port 0` and waits for the line with its URL. */
export async function startServer(dbPath: string, timeoutMs = 30_000): Promise<RunningServer> {
  assertBuilt();
  const child = spawn(process.execPath, [SERVE_JS, '--db', dbPath, '--port', '0'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const output = () => `${stdout}${stderr ? `\n[stderr]\n${stderr}` : ''}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve.js printed no URL within ${timeoutMs} ms. Output:\n${output()}`));
    }, timeoutMs);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`serve.js exited before it was ready (code ${code}, signal ${signal}). Output:\n${output()}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      const match = URL_PATTERN.exec(stdout);
      if (match && match[1] !== '0') {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolveUrl(match[0]);
      }
    });
  });

  return { url, output, stop: () => stopProcess(child, exited) };
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killTimer);
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (Debian package "chromium").`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PageProblems {
  /** Console errors, uncaught exceptions and CSP violations, in order, as readable lines. */
  readonly all: string[];
  /** The problems other than those `expected` accepts. */
  unexpected(expected?: (problem: string) => boolean): string[];
}

/**
 * Records everything that would show up red in DevTools: console errors (this includes CSP refusals and
 * failed loads), uncaught exceptions, and `securitypolicyviolation` events. Call before the first goto.
 */
export async function trackProblems(page: Page): Promise<PageProblems> {
  const all: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') all.push(`console.error: ${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => all.push(`pageerror: ${error.message}`));
  page.on('crash', () => all.push('page crashed'));
  await page.exposeBinding('__soAnSinhReportCsp', (_source, text: string) => {
    all.push(`CSP violation: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __soAnSinhReportCsp?: (t: string) => void }).__soAnSinhReportCsp;
      report?.(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} in ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return {
    all,
    unexpected: (expected = () => false) => all.filter((problem) => !expected(problem)),
  };
}

/** Calls a channel of a running harness the way the renderer does (POST /api/<channel>); returns the value or throws. */
export async function callApi<T = unknown>(server: RunningServer, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Elements that would need a horizontal scroll bar at 1366×768 (the page or the scrolling content). */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll<HTMLElement>('.app-scroll')]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
  );
}
