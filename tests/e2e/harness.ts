import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Role } from '@shared/api/auth';

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

export interface ServerOptions {
  timeoutMs?: number;
  /**
   * serve.js's harness-only `--idle-seconds N`: main locks a session after N idle seconds instead of the
   * Bảo mật setting (auth.state reports it, so the renderer's own timer follows). For the idle-lock test.
   */
  idleSeconds?: number;
  /** More harness-only arguments (e.g. the crash test's --kill-core-during-job). */
  args?: string[];
}

/** Starts `node dist/main/serve.js --db <dbPath> --port 0` and waits for the line with its URL. */
export async function startServer(dbPath: string, options: ServerOptions = {}): Promise<RunningServer> {
  assertBuilt();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const args = [SERVE_JS, '--db', dbPath, '--port', '0'];
  if (options.idleSeconds !== undefined) args.push('--idle-seconds', String(options.idleSeconds));
  if (options.args) args.push(...options.args);
  const child = spawn(process.execPath, args, {
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
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (Debian package "chromium").`);
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
      report?.(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} in ${event.sourceFile}:${event.lineNumber}`,
      );
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
  const result = (await response.json()) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Elements wider than their box (the page, the main content), each with what reaches past its edge. */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clipped = (el: Element, top: Element) => {
      for (let a = el.parentElement; a && a !== top; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    // The innermost elements that reach past the right edge (not inside a box that scrolls or clips): what to fix.
    const culprits = (top: HTMLElement) => {
      const edge =
        top === document.documentElement ? top.clientWidth : top.getBoundingClientRect().left + top.clientWidth;
      const past = (el: Element) => el.getBoundingClientRect().right > edge + 1 && !clipped(el, top);
      // An absolutely placed element escapes a scrolling box that is not its containing block: count it too.
      const escapes = (el: Element) =>
        el.getBoundingClientRect().right > edge + 1 && getComputedStyle(el).position === 'absolute';
      return [...top.querySelectorAll('*')]
        .filter((el) => (past(el) && ![...el.children].some(past)) || escapes(el))
        .slice(0, 3)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} «${(el.textContent ?? '').trim().slice(0, 40)}»`,
        );
    };
    return [
      document.documentElement,
      document.body,
      ...document.querySelectorAll<HTMLElement>('.app-scroll, .app-main'),
    ]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth} (${culprits(el).join('; ')})`,
      );
  });
}

// ---- Signing in --------------------------------------------------------------------------------------

export interface TestUser {
  fullName: string;
  username: string;
  password: string;
  role: Role;
}

/** The administrator every fresh data file starts with (created by the first-run wizard). */
export const ADMIN: TestUser = {
  fullName: 'Nguyễn Thị Lan',
  username: 'quantri',
  password: 'Quantri@2025',
  role: 'admin',
};
/** The policy officer who works in the register (created by the administrator in Cài đặt → Người dùng). */
export const OFFICER: TestUser = {
  fullName: 'Trần Văn Bình',
  username: 'canbo.binh',
  password: 'Canbo@2025',
  role: 'officer',
};

/**
 * A password input by its label. Password inputs have no ARIA role (not "textbox"), and a required one's
 * label ends with the hidden " *" mark, which getByLabel's text match sees.
 */
export function passwordInput(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Waits for the signed-in shell: the header names the user and offers "Đăng xuất". */
async function waitForShell(page: Page, user: TestUser): Promise<void> {
  const banner = page.getByRole('banner');
  await banner.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  await banner.getByText(user.fullName, { exact: true }).waitFor();
}

/**
 * On a fresh data file the app opens on "Thiết lập lần đầu": creates the administrator there (signed in
 * at once). Ends in the shell, on Cài đặt (the office is not set up yet).
 */
export async function firstRun(page: Page, admin: TestUser = ADMIN): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Thiết lập lần đầu' }).waitFor();
  await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill(admin.fullName);
  await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(admin.username);
  await passwordInput(page, 'Mật khẩu').fill(admin.password);
  await passwordInput(page, 'Nhập lại mật khẩu').fill(admin.password);
  await page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
  await waitForShell(page, admin);
}

/** From the sign-in screen: signs in and waits for the shell. */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(user.username);
  await passwordInput(page, 'Mật khẩu').fill(user.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await waitForShell(page, user);
}

/** "Đăng xuất" in the header; waits for the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
}

/** As administrator, in Cài đặt → Người dùng: creates an account and waits for the confirmation. */
export async function createUser(page: Page, user: TestUser, roleLabel: string): Promise<void> {
  await page.goto(new URL('/#/cai-dat/nguoi-dung', page.url()).href);
  const form = page.getByRole('form', { name: 'Tạo tài khoản mới' });
  await form.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill(user.fullName);
  await form.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(user.username);
  await form.getByRole('combobox', { name: 'Vai trò', exact: true }).selectOption({ label: roleLabel });
  await passwordInput(form, 'Mật khẩu ban đầu').fill(user.password);
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Đã tạo tài khoản «${user.username}»` })
    .waitFor();
}

export type ApiAnswer<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Calls a channel from inside the page, as the signed-in user of that page (its session cookie goes along). */
export async function callFromPage<T = unknown>(
  page: Page,
  channel: string,
  input: unknown = {},
): Promise<ApiAnswer<T>> {
  return page.evaluate(
    async ({ channel, input }) => {
      const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return response.json();
    },
    { channel, input },
  );
}

/** A fresh browser context at the office's screen size, in Vietnamese, with downloads and problem tracking. */
export async function openPage(browser: Browser): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { page, problems: await trackProblems(page) };
}

/** The value of a call made from the page, or a thrown error with its Vietnamese message. */
export async function must<T>(answer: Promise<ApiAnswer<T>>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Starts a job-channel from the page and waits for its result (jobs.get). */
export async function runJobFromPage<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const { jobId } = await must(callFromPage<{ jobId: string }>(page, channel, input));
  for (;;) {
    const s = await must(
      callFromPage<{ state: string; result?: T; error?: { message: string } }>(page, 'jobs.get', { jobId }),
    );
    if (s.state === 'done') return s.result as T;
    if (s.state !== 'running') throw new Error(`${channel}: ${s.state} ${s.error?.message ?? ''}`);
    await page.waitForTimeout(100);
  }
}

/**
 * The ward's leadership certifies every authorization not yet certified (issue 14: an authorized account is
 * paid only after certification), through the API as `approver`, then `back` signs in again. The ids are
 * read from the register file (read-only); the certifications go through the server like the dialog's.
 */
export async function certifyAllFromPage(
  page: Page,
  dbPath: string,
  approver: TestUser,
  back: TestUser,
  certifiedDate = '05/10/2024',
): Promise<number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  let ids: number[];
  try {
    ids = db
      .prepare('SELECT id FROM authorizations WHERE certified_date IS NULL AND revoked_date IS NULL ORDER BY id')
      .pluck()
      .all() as number[];
  } finally {
    db.close();
  }
  await signOut(page);
  await signIn(page, approver);
  for (const id of ids)
    await must(callFromPage(page, 'authorizations.certify', { id, certifiedDate, certifiedBy: approver.fullName }));
  await signOut(page);
  await signIn(page, back);
  return ids.length;
}

/** Imports the sample ward workbook (447 people, 10/2024) through the same channels as the wizard. */
export async function importSampleFromPage(page: Page): Promise<void> {
  const sample = readFileSync(join(PROJECT_ROOT, 'tests/fixtures/so-doi-tuong-phuong-mau.xlsx'));
  const analysis = await must(
    callFromPage<{ token: string; config: Record<string, unknown> }>(page, 'import.analyze', {
      fileName: 'so-doi-tuong-phuong-mau.xlsx',
      contentBase64: sample.toString('base64'),
    }),
  );
  await runJobFromPage(page, 'import.commit', {
    token: analysis.token,
    config: { ...analysis.config, authorizationTerm: { kind: 'default' } },
  });
}

/**
 * A new ward: the harness on `dbPath`, Chromium, one page (openPage), and the first-run administrator
 * signed in. The usual start of an end-to-end file.
 */
export async function startWard(
  dbPath: string,
  options: ServerOptions = {},
): Promise<{ server: RunningServer; browser: Browser; page: Page; problems: PageProblems }> {
  assertBuilt();
  const server = await startServer(dbPath, options);
  const browser = await launchBrowser();
  const { page, problems } = await openPage(browser);
  await page.goto(server.url);
  await firstRun(page, ADMIN);
  return { server, browser, page, problems };
}

/** A submitted payroll's confirmation: what the approver's dialog names (issue 14). */
export interface SubmittedPayroll {
  id: number;
  month: string;
  programme: string;
  lineCount: number;
  totalVnd: number;
}

/** Approval is a workflow (issue 14): the officer's page submits the payroll (a job that rebuilds and freezes it). */
export const submitFromPage = (officer: Page, payrollId: number): Promise<SubmittedPayroll> =>
  runJobFromPage<SubmittedPayroll>(officer, 'payroll.submit', { payrollId });

/** The approver's page approves a submitted payroll, confirming its month, programme, count and total. */
export async function approveFromPage(approver: Page, p: SubmittedPayroll): Promise<void> {
  await must(
    callFromPage(approver, 'payroll.approve', {
      payrollId: p.id,
      confirm: { month: p.month, programme: p.programme, lineCount: p.lineCount, totalVnd: p.totalVnd },
    }),
  );
}
