#!/usr/bin/env node
// Runs @doyensec/electronegativity (Electron security linter) on the app's source, offline, and checks every
// finding against the justifications in .electronegativity.json (the tool itself reads no config file: it only
// knows -x exclusions and inline `eng-disable` comments). A justification names the check, the file and the
// flagged code (the tool's sample, else the trimmed source line), so it covers that one finding and nothing else:
// insecure options written anywhere else, even in the same file, are reported.
//
//   node scripts/electronegativity.mjs [--config FILE] [--input DIR]... [--out report.json]
//
// --input replaces the config's inputs (tests use it for an insecure fixture; the config's justifications, which
// name files, then match nothing there). Exit status: 0 when every finding is justified, no justification is stale
// and every file parsed; 1 otherwise; 2 on a usage or setup error.
//
// Offline: the tool always fetches translations from S3 (i18n, no flag to turn it off) and the releases list from
// GitHub (AvailableSecurityFixesGlobalCheck). Here `got`, the HTTP client both use, is replaced by a stub that
// refuses at once, and any other outgoing socket connection or DNS look-up throws and fails the run.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const args = { config: join(repoRoot, '.electronegativity.json'), inputs: [], out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--config' && value) args.config = resolve(value);
    else if (flag === '--input' && value) args.inputs.push(resolve(value));
    else if (flag === '--out' && value) args.out = resolve(value);
    else throw new Error(`unknown or incomplete argument: ${flag}`);
    i++;
  }
  return args;
}

// ---- network guard (installed before the tool is loaded) ----

const blockedRequests = [];
const networkAttempts = [];

function installNetworkGuard(require) {
  const refuse = (url) => {
    blockedRequests.push(String(url));
    return Promise.reject(new Error('electronegativity runs offline here (scripts/electronegativity.mjs)'));
  };
  const gotStub = Object.assign((url) => refuse(url), { head: refuse, get: refuse, post: refuse, stream: refuse });
  // Both users of got require it from inside the package; resolve it from there so the stub is the copy they get.
  for (const from of ['dist/locales/i18n.js', 'dist/finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js']) {
    const user = require.resolve(`@doyensec/electronegativity/${from}`);
    const gotPath = createRequire(user).resolve('got');
    require.cache[gotPath] = {
      id: gotPath,
      filename: gotPath,
      loaded: true,
      exports: gotStub,
      children: [],
      paths: [],
    };
  }
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    // net.connect() passes [options, callback] as one array; socket.connect() takes options, or port and host.
    const options = Array.isArray(args[0]) ? args[0][0] : args[0];
    // Local IPC sockets (pipes) are not network; everything else is refused.
    if (options !== null && typeof options === 'object' && options.path) return originalConnect.apply(this, args);
    const target =
      options !== null && typeof options === 'object'
        ? `${options.host}:${options.port}`
        : `${args[1] ?? ''}:${options}`;
    networkAttempts.push(`connect ${target}`);
    throw new Error(`network access refused: connect ${target}`);
  };
  dns.lookup = function guardedLookup(host, ...rest) {
    networkAttempts.push(`dns ${host}`);
    const callback = rest.find((r) => typeof r === 'function');
    const error = Object.assign(new Error(`network access refused: dns ${host}`), { code: 'ENOTFOUND' });
    if (callback) process.nextTick(() => callback(error));
    else throw error;
  };
}

// ---- config ----

function loadConfig(path) {
  const config = JSON.parse(readFileSync(path, 'utf8'));
  const base = dirname(path);
  const problems = [];
  const excluded = Object.entries(config.excludeChecks ?? {});
  for (const [check, reason] of excluded) {
    if (typeof reason !== 'string' || reason.trim() === '') problems.push(`excludeChecks.${check}: no reason`);
  }
  const justified = config.justified ?? [];
  justified.forEach((j, i) => {
    if (!j || typeof j.check !== 'string' || typeof j.file !== 'string')
      problems.push(`justified[${i}]: needs check and file`);
    else if (j.file !== 'N/A' && (typeof j.code !== 'string' || j.code.trim() === ''))
      problems.push(`justified[${i}] (${j.check}): needs the flagged code`);
    if (!j || typeof j.reason !== 'string' || j.reason.trim() === '')
      problems.push(`justified[${i}] (${j?.check}): no reason`);
  });
  if (problems.length > 0) throw new Error(`${path}:\n  ${problems.join('\n  ')}`);
  return {
    inputs: (config.inputs ?? []).map((p) => resolve(base, p)),
    base,
    electronVersion: config.electronVersion,
    excludeChecks: excluded.map(([check, reason]) => ({ check, reason })),
    justified,
  };
}

/** The Electron version the app ships: package.json's exact devDependency (the tool's defaults depend on it). */
function electronVersionFromPackageJson() {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const version = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  if (!/^\d+\.\d+\.\d+$/.test(version ?? ''))
    throw new Error(`package.json: electron must be pinned to an exact version, got ${version}`);
  return version;
}

// ---- run ----

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig(args.config);
  const inputs = args.inputs.length > 0 ? args.inputs : config.inputs;
  const base = args.inputs.length > 0 ? commonBase(inputs) : config.base;
  if (inputs.length === 0) throw new Error('nothing to scan: no inputs');

  const require = createRequire(import.meta.url);
  installNetworkGuard(require);
  process.env.LANG = 'en-US'; // the tool's messages, in its bundled English

  // The tool scans one folder; main and renderer are staged together (same relative paths) so that its global
  // checks (navigation limits, permission handler, CSP) see main's handlers and the renderer's page at once.
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const toolLog = [];
  const savedLog = console.log;
  try {
    for (const input of inputs) {
      const rel = relative(base, input);
      if (rel.startsWith('..')) throw new Error(`input outside ${base}: ${input}`);
      cpSync(input, join(stage, rel), {
        recursive: true,
        filter: (src) => !src.split(sep).includes('node_modules'),
      });
    }
    const run = require('@doyensec/electronegativity/dist/runner.js');
    const { list_files: listFiles } = require('@doyensec/electronegativity/dist/util/file.js');
    const files = (await listFiles(stage)).map((f) => toPosix(relative(stage, f))).sort();
    const electronVersion = config.electronVersion ?? electronVersionFromPackageJson();

    console.log = (...parts) => toolLog.push(parts.join(' ')); // the tool's own chatter (e.g. "Could not retrieve…")
    let result;
    try {
      result = await run({
        input: stage,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: config.excludeChecks.map((e) => e.check),
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: true,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      });
    } finally {
      console.log = savedLog;
    }

    const used = new Set();
    const findings = result.issues.map((issue) => {
      const file = issue.file === 'N/A' ? 'N/A' : toPosix(issue.file);
      const code = file === 'N/A' ? null : (issue.sample ?? sourceLine(join(stage, file), issue.location?.line));
      const index = config.justified.findIndex(
        (j) => j.check === issue.id && j.file === file && (j.code ?? null) === code,
      );
      if (index >= 0) used.add(index);
      return {
        id: issue.id,
        severity: issue.severity?.name,
        confidence: issue.confidence?.name,
        file,
        line: issue.location?.line,
        column: issue.location?.column,
        code,
        description: issue.description,
        manualReview: Boolean(issue.manualReview),
        justification: index >= 0 ? config.justified[index].reason : null,
      };
    });
    const report = {
      tool: `@doyensec/electronegativity ${require('@doyensec/electronegativity/package.json').version}`,
      electronVersion,
      inputs: inputs.map((i) => toPosix(relative(base, i)) || '.'),
      files,
      checks: { atomic: result.atomicChecks, global: result.globalChecks },
      excludedChecks: config.excludeChecks,
      parseErrors: result.errors.map((e) => ({
        file: toPosix(relative(stage, e.file)),
        message: e.message,
        tolerable: e.tolerable,
      })),
      findings,
      unjustified: findings.filter((f) => f.justification === null),
      // Only meaningful on the config's own inputs (with --input, its justifications name files not scanned).
      staleJustifications: args.inputs.length > 0 ? [] : config.justified.filter((_, i) => !used.has(i)),
      blockedRequests,
      networkAttempts,
      toolLog,
    };
    if (args.out) writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
    printSummary(report);
    const failedParses = report.parseErrors.filter((e) => !e.tolerable);
    const ok =
      report.unjustified.length === 0 &&
      report.staleJustifications.length === 0 &&
      failedParses.length === 0 &&
      networkAttempts.length === 0;
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function printSummary(report) {
  const out = [];
  out.push(
    `${report.tool}: ${report.files.length} files, ${report.checks.atomic} atomic + ${report.checks.global} global checks, Electron ${report.electronVersion}`,
  );
  out.push(
    `  ${report.findings.length} findings, ${report.findings.length - report.unjustified.length} justified in the config, ${report.unjustified.length} not`,
  );
  for (const f of report.unjustified) {
    out.push(`  UNJUSTIFIED ${f.id} ${f.file}:${f.line}:${f.column} (${f.severity}/${f.confidence}) ${f.description}`);
    if (f.code) out.push(`    flagged code: ${f.code}`);
  }
  for (const j of report.staleJustifications)
    out.push(`  STALE justification ${j.check} ${j.file} (${j.code}): no such finding any more; remove or update it`);
  for (const e of report.parseErrors)
    out.push(`  ${e.tolerable ? 'parse warning' : 'PARSE ERROR'} ${e.file}: ${e.message}`);
  for (const n of report.networkAttempts) out.push(`  NETWORK ATTEMPT ${n}`);
  console.log(out.join('\n'));
}

function sourceLine(path, line) {
  try {
    return readFileSync(path, 'utf8').split('\n')[line - 1]?.trim() ?? null;
  } catch {
    return null;
  }
}

function commonBase(paths) {
  let base = dirname(paths[0]);
  while (!paths.every((p) => p === base || p.startsWith(base + sep))) base = dirname(base);
  return base;
}

const toPosix = (p) => p.split(sep).join('/');

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
