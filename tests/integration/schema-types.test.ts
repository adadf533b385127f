import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { migrate } from '../../main/db/migrate';
import { generateSchemaTypes } from '../../main/db/schema-types';

// main/db/schema.ts (kysely's row types) is generated from a freshly migrated database: this fails when a
// migration changed the schema and the committed types were not regenerated (`npm run db:types`).

const SCHEMA_TS = join(__dirname, '../../main/db/schema.ts');

it('the committed schema types are those of a freshly migrated database', () => {
  const db = new Database(':memory:');
  migrate(db, { appVersion: 'test' });
  const generated = generateSchemaTypes(db);
  db.close();
  if (process.env.UPDATE_SCHEMA_TYPES === '1') writeFileSync(SCHEMA_TS, generated);
  expect(readFileSync(SCHEMA_TS, 'utf8'), 'main/db/schema.ts is stale: run `npm run db:types`').toBe(generated);
});
