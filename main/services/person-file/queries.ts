import type { Store } from '../../db/store';
import type { TransferView } from '@shared/api/person-file';
import type { TransferPayloadV1 } from '@shared/domain/transfer-file';
import { maskIdentifier } from '@shared/domain/masking';

// The person-file area's SQL (issue 16): the transfer rows, the register's signing key (a settings row),
// the names of codes for the printed file, and the citizen-ID lookup of an import.

export interface TransferRow {
  id: number;
  person_id: number;
  direction: 'out' | 'in';
  other_unit: string;
  moved_date: string;
  decision_number: string;
  schema_version: number | null;
  payload_sha256: string | null;
  key_fingerprint: string | null;
  payload_json: string | null;
  created_at: string;
}

export const transfersOf = (store: Store, personId: number): TransferRow[] =>
  store.prepare('SELECT * FROM person_transfers WHERE person_id = ? ORDER BY id').all(personId) as TransferRow[];

/** The payload with the person's identifiers masked (shared/domain/masking.ts), for screens. */
export const maskedPayload = (p: TransferPayloadV1): TransferPayloadV1 => ({
  ...p,
  person: {
    ...p.person,
    citizenId: p.person.citizenId && maskIdentifier(p.person.citizenId),
    legacyId: p.person.legacyId && maskIdentifier(p.person.legacyId),
  },
});

export const transferViews = (store: Store, personId: number): TransferView[] =>
  transfersOf(store, personId).map((t) => ({
    id: t.id,
    direction: t.direction,
    otherUnit: t.other_unit,
    movedDate: t.moved_date,
    decisionNumber: t.decision_number,
    createdAt: t.created_at,
    sha256: t.payload_sha256,
    keyFingerprint: t.key_fingerprint,
    // Verified at import and stored as it was; read back, never edited. Identifiers masked as on the
    // person's page (people.reveal shows them, audited).
    history: t.payload_json ? maskedPayload(JSON.parse(t.payload_json) as TransferPayloadV1) : null,
  }));

export const latestTransferOut = (store: Store, personId: number): TransferRow | undefined =>
  store
    .prepare("SELECT * FROM person_transfers WHERE person_id = ? AND direction = 'out' ORDER BY id DESC LIMIT 1")
    .get(personId) as TransferRow | undefined;

/** When a transfer file with this payload was imported before (its record's created_at), if ever. */
export function importedTransferAt(store: Store, payloadSha256: string): string | undefined {
  return store
    .prepare("SELECT created_at FROM person_transfers WHERE direction = 'in' AND payload_sha256 = ?")
    .pluck()
    .get(payloadSha256) as string | undefined;
}

export function insertTransfer(
  store: Store,
  row: Omit<TransferRow, 'id' | 'schema_version' | 'payload_sha256' | 'key_fingerprint' | 'payload_json'> &
    Partial<Pick<TransferRow, 'schema_version' | 'payload_sha256' | 'key_fingerprint' | 'payload_json'>> & {
      created_by: number | null;
    },
): number {
  return Number(
    store
      .prepare(
        `INSERT INTO person_transfers (person_id, direction, other_unit, moved_date, decision_number, schema_version, payload_sha256, key_fingerprint, payload_json, created_at, created_by)
         VALUES (@person_id, @direction, @other_unit, @moved_date, @decision_number, @schema_version, @payload_sha256, @key_fingerprint, @payload_json, @created_at, @created_by)`,
      )
      .run({ schema_version: null, payload_sha256: null, key_fingerprint: null, payload_json: null, ...row })
      .lastInsertRowid,
  );
}

export interface PersonIdentity {
  id: number;
  full_name: string;
  birth_date: string | null;
  birth_precision: 'day' | 'year' | 'unknown';
  citizen_id: string | null;
  death_date: string | null;
  moved_away_date: string | null;
}

export const personIdentity = (store: Store, personId: number): PersonIdentity | undefined =>
  store
    .prepare(
      'SELECT id, full_name, birth_date, birth_precision, citizen_id, death_date, moved_away_date FROM people WHERE id = ?',
    )
    .get(personId) as PersonIdentity | undefined;

/** Anyone in the register with this citizen ID (alive or not, moved away or not). */
export const personByCitizenId = (store: Store, citizenId: string): PersonIdentity | undefined =>
  store
    .prepare(
      'SELECT id, full_name, birth_date, birth_precision, citizen_id, death_date, moved_away_date FROM people WHERE citizen_id = ? ORDER BY id LIMIT 1',
    )
    .get(citizenId) as PersonIdentity | undefined;

export const groupNames = (store: Store): Map<string, string> =>
  new Map(
    (
      store.prepare('SELECT code, label_vi FROM allowance_groups').all() as Array<{ code: string; label_vi: string }>
    ).map((g) => [g.code, g.label_vi]),
  );

export const programmeNames = (store: Store): Map<string, string> =>
  new Map(
    (store.prepare('SELECT code, name_vi FROM programmes').all() as Array<{ code: string; name_vi: string }>).map(
      (p) => [p.code, p.name_vi],
    ),
  );

export const personNames = (store: Store, ids: readonly number[]): Map<number, string> =>
  new Map(
    ids.map((id) => [
      id,
      (store.prepare('SELECT full_name FROM people WHERE id = ?').pluck().get(id) as string | undefined) ?? '',
    ]),
  );

/** The stop decision a move recorded (register.moveAway): its number, date and signer. */
export const moveStopDecision = (
  store: Store,
  personId: number,
  effectiveMonth: string,
): { number: string; signed_date: string | null; signer: string } | undefined =>
  store
    .prepare(
      "SELECT number, signed_date, signer FROM decisions WHERE person_id = ? AND kind = 'stop' AND effective_month = ? ORDER BY id DESC LIMIT 1",
    )
    .get(personId, effectiveMonth) as { number: string; signed_date: string | null; signer: string } | undefined;

const SIGNING_KEY = 'transferSigningKey';

export const readSigningKey = (store: Store): string | undefined =>
  (store.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(SIGNING_KEY) as string | undefined) ??
  undefined;

export function saveSigningKey(store: Store, valueJson: string, at: string, userId: number | null): void {
  store
    .prepare('INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)')
    .run(SIGNING_KEY, valueJson, at, userId);
}
