import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// @doyensec/electronegativity, Electron's security linter, on the app's source (main/, renderer/, shared/), offline,
// through scripts/electronegativity.mjs: every finding must be justified in .electronegativity.json. A negative
// control runs it on an obviously insecure window, so a pass here cannot come from a tool that sees nothing.

const root = resolve(__dirname, '../..');
const script = join(root, 'scripts/electronegativity.mjs');
const work = mkdtempSync(join(tmpdir(), 'so-an-sinh-eng-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Finding {
  id: string;
  file: string;
  line: number;
  code: string | null;
  description: string;
  justification: string | null;
}

interface Report {
  electronVersion: string;
  files: string[];
  checks: { atomic: number; global: number };
  excludedChecks: { check: string; reason: string }[];
  parseErrors: { file: string; message: string; tolerable: boolean }[];
  findings: Finding[];
  unjustified: Finding[];
  staleJustifications: unknown[];
  networkAttempts: string[];
}

function scan(name: string, extraArgs: string[] = []): { status: number | null; report: Report; output: string } {
  const out = join(work, `${name}.json`);
  const run = spawnSync(process.execPath, [script, '--out', out, ...extraArgs], {
    cwd: root,
    encoding: 'utf8',
    timeout: 50_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`electronegativity did not run (status ${run.status}):\n${output}`);
  return { status: run.status, report: JSON.parse(readFileSync(out, 'utf8')) as Report, output };
}

describe('electronegativity', () => {
  it('finds nothing unjustified in the source', { timeout: 60_000 }, () => {
    const { status, report, output } = scan('source');

    // It really analysed the app: the Electron layer, the preload, the page with its CSP, with every check loaded.
    expect(report.files).toEqual(
      expect.arrayContaining([
        'main/electron/main.ts',
        'main/electron/window.ts',
        'main/electron/preload.ts',
        'main/electron/ipc.ts',
        'main/electron/app-protocol.ts',
        'renderer/index.html',
        'renderer/src/main.tsx',
      ]),
    );
    expect(report.files.length).toBeGreaterThan(50);
    expect(report.checks.atomic).toBeGreaterThan(30);
    expect(report.checks.global).toBeGreaterThan(0);
    expect(report.electronVersion).toBe(
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron,
    );
    expect(
      report.parseErrors.filter((e) => !e.tolerable),
      'files the tool could not parse',
    ).toEqual([]);
    expect(report.networkAttempts, 'it ran offline').toEqual([]);

    // Every finding is justified, with a reason; every justification still matches a finding.
    expect(report.unjustified, output).toEqual([]);
    for (const finding of report.findings)
      expect(finding.justification?.trim(), `${finding.id} ${finding.file}`).toBeTruthy();
    expect(report.staleJustifications, output).toEqual([]);
    for (const excluded of report.excludedChecks) expect(excluded.reason.trim(), excluded.check).not.toBe('');
    expect(status, output).toBe(0);
  });

  it('reports an insecure window, even in a file that has justified findings', { timeout: 60_000 }, () => {
    // Same path as the real window.ts: the config's justifications name that file, but not this code.
    const fixture = join(work, 'fixture');
    mkdirSync(join(fixture, 'main/electron'), { recursive: true });
    writeFileSync(
      join(fixture, 'main/electron/window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        '',
        'export function createMainWindow(): BrowserWindow {',
        '  return new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        '}',
        '',
      ].join('\n'),
    );
    const { status, report, output } = scan('fixture', ['--input', join(fixture, 'main')]);

    expect(report.files).toEqual(['main/electron/window.ts']);
    expect(report.parseErrors.filter((e) => !e.tolerable)).toEqual([]);
    const flagged = report.unjustified.filter((f) => f.file === 'main/electron/window.ts').map((f) => f.id);
    expect(flagged, output).toEqual(
      expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']),
    );
    expect(report.findings.every((f) => f.justification === null)).toBe(true);
    expect(report.networkAttempts).toEqual([]);
    expect(status).toBe(1);
  });
});
