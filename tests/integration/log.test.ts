import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  configureLog,
  HOST_LOG_FILE_NAME,
  logError,
  logFiles,
  logsForSupport,
  maskDigits,
  LOG_FOLDER_NAME,
} from '../../main/log';
import { testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';

// The error log (main/log.ts): a real file under a temp data folder, rotated by size, with no digit run of
// 9 or more (citizen IDs, accounts, phones) ever written; the renderer's reports and the admin's copy for
// a support request go through the real core.

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('so-an-sinh-log-'));
});
afterEach(() => cleanup());

const CITIZEN_ID = '060085005039';
const ACCOUNT = '0071000123456';

describe('the log file', () => {
  it('rotates at the size limit and keeps three files', () => {
    const folder = configureLog(dir, { maxBytes: 2_000, keep: 3, console: false });
    expect(folder).toBe(join(dir, LOG_FOLDER_NAME));
    for (let i = 0; i < 200; i++) logError('test', `entry ${String(i).padStart(3, '0')}`);
    expect(readdirSync(folder).sort()).toEqual(['so-an-sinh.1.log', 'so-an-sinh.2.log', 'so-an-sinh.log']);
    for (const name of readdirSync(folder)) expect(statSync(join(folder, name)).size).toBeLessThanOrEqual(2_000);
    const [newest, middle, oldest] = logFiles().map((path) => readFileSync(path, 'utf8'));
    expect(newest).toContain('entry 199');
    // In order across the files: the oldest file ends where the middle one starts.
    const numbers = (text: string) => [...text.matchAll(/entry (\d+)/g)].map((m) => Number(m[1]));
    const all = [...numbers(oldest!), ...numbers(middle!), ...numbers(newest!)];
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => all[0]! + i));
    expect(all.at(-1)).toBe(199);
    expect(all[0]).toBeGreaterThan(0); // the first entries were rotated out
  });

  it('masks every run of 9 or more digits, in the message and in the error', () => {
    configureLog(dir, { console: false });
    const error = new Error(`UNIQUE failed for ${CITIZEN_ID}`);
    logError('test', `account ${ACCOUNT}, phone 0912345678, year 2026, code 12345678`, error);
    const text = readFileSync(logFiles()[0]!, 'utf8');
    expect(text).not.toMatch(/\d{9,}/);
    expect(text).toContain('#'.repeat(CITIZEN_ID.length));
    expect(text).toContain('year 2026, code 12345678');
    expect(text).toContain('Error: UNIQUE failed');
    expect(text).toMatch(/at .*log\.test\.ts/); // the stack is kept
    expect(maskDigits('a 123456789 b 12345678')).toBe('a ######### b 12345678');
  });

  it("the main process writes its own file; the support copy holds both threads' files", () => {
    configureLog(dir, { console: false, file: HOST_LOG_FILE_NAME });
    logError('core-host', 'the core worker stopped');
    configureLog(dir, { console: false });
    logError('dispatch', 'a call failed');
    expect(readdirSync(join(dir, LOG_FOLDER_NAME)).sort()).toEqual([HOST_LOG_FILE_NAME, 'so-an-sinh.log']);
    const { text, files } = logsForSupport('Nhật ký');
    expect(files).toBe(2);
    expect(text).toMatch(
      /===== so-an-sinh-cua-so\.log =====\n.*\[core-host\] the core worker stopped[\s\S]*===== so-an-sinh\.log =====\n.*\[dispatch\] a call failed/,
    );
  });

  it('a line is never cut between two files', () => {
    configureLog(dir, { maxBytes: 500, keep: 2, console: false });
    for (let i = 0; i < 30; i++) logError('test', `line ${i} ${'x'.repeat(40)}`);
    for (const path of logFiles()) {
      for (const line of readFileSync(path, 'utf8').trimEnd().split('\n'))
        expect(line).toMatch(/^\d{4}-\d\d-\d\dT.* ERROR \[test\] line \d+ x{40}$/);
    }
  });
});

describe('through the core', () => {
  let core: TestCore;
  beforeEach(() => {
    core = testCore(dir);
  });
  afterEach(() => core.close());

  it("writes a screen's render error beside the register, masked, from any caller", async () => {
    await core.ok('diagnostics.reportError', {
      where: '#/so-doi-tuong/ho-so/7',
      message: `Cannot read properties of undefined (reading 'fullName') ${CITIZEN_ID}`,
      stack: 'TypeError: x\n    at PersonScreen (index.js:1:2)',
      componentStack: '\n    at PersonScreen\n    at ScreenBoundary',
    });
    const path = join(dir, LOG_FOLDER_NAME, 'so-an-sinh.log');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(
      "ERROR [renderer] a screen failed to render at #/so-doi-tuong/ho-so/7: Cannot read properties of undefined (reading 'fullName')",
    );
    expect(text).toContain('at ScreenBoundary');
    expect(text).not.toContain(CITIZEN_ID);
  });

  it('saves the logs for a support request: a download, or a file in the chosen folder; audited with counts', async () => {
    await core.ok('diagnostics.reportError', { where: '#/', message: 'first' });
    core.as('officer');
    expect((await core.fail('diagnostics.saveLogs', {})).code).toBe('FORBIDDEN');
    core.as('admin');
    const download = await core.job('diagnostics.saveLogs', {});
    expect(download).toMatchObject({ files: 1, path: null });
    expect(download.fileName).toMatch(/^nhat-ky-loi-\d{8}-\d{4}\.txt$/);
    const text = Buffer.from(download.contentBase64, 'base64').toString('utf8');
    expect(text).toMatch(/^Sổ An Sinh test \(browser-harness\) — nhật ký lỗi lấy lúc /);
    expect(text).toContain('===== so-an-sinh.log =====');
    expect(text).toContain('a screen failed to render at #/: first');

    const target = join(dir, 'usb');
    mkdirSync(target);
    const saved = await core.job('diagnostics.saveLogs', { folder: target });
    expect(saved.contentBase64).toBe('');
    expect(saved.path).toBe(join(target, saved.fileName));
    expect(existsSync(saved.path!)).toBe(true);
    expect(readFileSync(saved.path!, 'utf8')).toContain('first');

    const audits = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'diagnostics.saveLogs' ORDER BY id")
      .pluck()
      .all() as string[];
    expect(audits.map((d) => JSON.parse(d))).toEqual([
      { files: 1, bytes: download.bytes, toFolder: false },
      { files: 1, bytes: saved.bytes, toFolder: true },
    ]);
  });
});
