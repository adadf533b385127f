// The layering of the code base as a lint rule (`layering/imports`, configured in eslint.config.mjs).
// A specifier is resolved against the importing file, so `../../api/dispatch` from main/services/ is
// caught as well as a path that names main/ outright. Written here rather than taken from a plugin:
// the table is small, and the rule needs no module resolver (or native binary) to run.

import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ALIASES = [['@shared/', 'shared/']];

const toPosix = (path) => path.split(sep).join('/');

/** Where an import points: `{ path }` (repo-relative, no extension) or `{ pkg }` (a package or builtin). */
function target(fileDir, spec) {
  for (const [alias, folder] of ALIASES) if (spec.startsWith(alias)) return { path: folder + spec.slice(alias.length) };
  if (spec.startsWith('.') || spec.startsWith('/')) return { path: toPosix(relative(ROOT, resolve(fileDir, spec))) };
  return { pkg: spec };
}

const underPath = (path, prefix) =>
  prefix.endsWith('/') ? path === prefix.slice(0, -1) || path.startsWith(prefix) : path.startsWith(prefix);
const isPackage = (spec, name) =>
  name.endsWith(':') ? spec.startsWith(name) : spec === name || spec.startsWith(`${name}/`);

/** The first rule of the table that forbids `spec` from `file` (repo-relative), or undefined. */
export function forbiddenBy(layers, file, spec) {
  const t = target(dirname(resolve(ROOT, file)), spec);
  for (const layer of layers) {
    if (!layer.from.some((prefix) => underPath(file, prefix))) continue;
    if ((layer.except ?? []).some((prefix) => underPath(file, prefix))) continue;
    if (t.path !== undefined && (layer.paths ?? []).some((prefix) => underPath(t.path, prefix))) return layer;
    if (t.pkg !== undefined) {
      if ((layer.packages ?? []).some((name) => isPackage(t.pkg, name))) return layer;
      if (layer.onlyPackages && !layer.onlyPackages.some((name) => isPackage(t.pkg, name))) return layer;
    }
  }
  return undefined;
}

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each layer (shared, renderer, main services, Electron) to the imports it may make.' },
    schema: [{ type: 'object', properties: { layers: { type: 'array' } }, additionalProperties: false }],
    messages: { forbidden: "'{{spec}}' may not be imported here: {{why}}" },
  },
  create(context) {
    const layers = context.options[0]?.layers ?? [];
    const file = toPosix(relative(ROOT, context.filename));
    if (file.startsWith('..')) return {};
    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const layer = forbiddenBy(layers, file, source.value);
      if (layer) context.report({ node, messageId: 'forbidden', data: { spec: source.value, why: layer.why } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

/**
 * Whether `file` (repo-relative) is a service file that must hold no SQL text: under one of `areas` (a
 * folder `main/services/` or `main/services/x/`, or a file prefix `main/services/audit`), not under one of
 * `except` (areas still being converted), and not itself an area's queries module (`queries.ts`,
 * `*-queries.ts`, or a file under a `queries/` folder).
 */
export function sqlFreeFile(areas, file, except = []) {
  if (!areas.some((prefix) => underPath(file, prefix))) return false;
  if (except.some((prefix) => underPath(file, prefix))) return false;
  const name = file.slice(file.lastIndexOf('/') + 1);
  return !(name === 'queries.ts' || name.endsWith('-queries.ts') || file.includes('/queries/'));
}

/** kysely's entry points into a statement (`qb.selectFrom('people')…`): the SQL as a builder. */
const BUILDER_ENTRIES = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
]);

/** A constant named as the code base names its SQL (`PEOPLE_SQL`, `SQL`): UPPER_SNAKE_CASE. */
const isConstantName = (node) => node.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(node.name);
const isText = (node) => (node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateLiteral';
/** A regular expression written in place (`/a/.exec(s)`, `new RegExp(p).exec(s)`). */
const isRegExp = (node) =>
  (node.type === 'Literal' && node.regex !== undefined) ||
  (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'RegExp');

// Issue 13: each area keeps its SQL in its queries module and services call typed functions. Refused
// outside a queries module:
// - `x.prepare(…)` with any argument (a literal, a template or a constant holding SQL), on the Store or on
//   a raw better-sqlite3 handle alike;
// - `x.exec(…)` with SQL text: a string or template literal, or an UPPER_SNAKE constant. Decided by the
//   argument, not the callee (a lint rule without types cannot tell a database from a RegExp held in a
//   variable): `re.exec(line)` and `NAME.exec(name)` pass, and so does `db.exec(t.sql)` replaying SQL read
//   from the file itself (backup's restore); a RegExp literal's or `new RegExp(…)`'s exec is never
//   flagged, whatever its argument. (A RegExp constant run on a literal would be: use `.test` or inline it.)
// - kysely's `sql` tagged template (`sql\`…\``, `sql<T>\`…\``) and `sql.raw(…)`;
// - kysely's builder entry calls (`x.selectFrom(…)`, insertInto, replaceInto, updateTable, deleteFrom,
//   mergeInto, selectNoFrom), whatever `x` is.
// Pragmas (`db.pragma(…)`) stay where they are used.
const sqlInQueriesRule = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps a service area's SQL text in its queries module." },
    schema: [
      {
        type: 'object',
        properties: {
          areas: { type: 'array', items: { type: 'string' } },
          except: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      sql: "SQL text belongs in this area's queries module (queries.ts or queries/): call a typed query from there instead of {{what}} here.",
    },
  },
  create(context) {
    const areas = context.options[0]?.areas ?? [];
    const except = context.options[0]?.except ?? [];
    const file = toPosix(relative(ROOT, context.filename));
    if (file.startsWith('..') || !sqlFreeFile(areas, file, except)) return {};
    const report = (node, what) => context.report({ node, messageId: 'sql', data: { what } });
    return {
      CallExpression: (node) => {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const name = callee.property.name;
        const arg = node.arguments[0];
        if (name === 'prepare' && arg) report(node, 'prepare()');
        else if (name === 'exec' && arg && !isRegExp(callee.object) && (isText(arg) || isConstantName(arg)))
          report(node, 'exec()');
        else if (BUILDER_ENTRIES.has(name)) report(node, `a query builder (${name})`);
        else if (name === 'raw' && callee.object.type === 'Identifier' && callee.object.name === 'sql')
          report(node, 'sql.raw()');
      },
      TaggedTemplateExpression: (node) => {
        if (node.tag.type === 'Identifier' && node.tag.name === 'sql') report(node, 'an sql`…` template');
      },
    };
  },
};

export default { meta: { name: 'layering' }, rules: { imports: importsRule, 'sql-in-queries': sqlInQueriesRule } };
