// The transfer file (tệp chuyển hồ sơ): what a ward gives the ward a person moves to, beside the printed
// person file (issue 16). Versioned, documented here and in README.md ("Hồ sơ đối tượng, chuyển đi,
// nhận hồ sơ chuyển đến"); validated in shared/api/person-file.ts, written and verified in
// main/services/person-file/.
//
// On disk: one UTF-8 JSON object (the envelope), usually inside the app's encrypted format (.sasbak,
// main/services/backup/format.ts) under the passphrase chosen at export:
//
//   { "format": "so-an-sinh/chuyen-ho-so", "version": 1,
//     "payload": { …TransferPayloadV1… },
//     "sha256": hex SHA-256 of canonicalJson(payload) as UTF-8,
//     "signature": { "algorithm": "Ed25519", "publicKey": base64 SPKI DER, "value": base64 signature of
//                    signedMessage(version, sha256) } }
//
// What it proves, honestly:
// - sha256: the payload is the one that was written (any changed byte, accidental or not, is refused).
//   It is also printed on the person file PDF, so a receiving ward can compare the file with the signed
//   and stamped paper.
// - signature: the file was made by the holder of the sending register's private key (generated in that
//   register on its first transfer, kept in its database and backups). The public key travels inside the
//   file, so the signature alone does NOT prove which ward made it: anyone can make a key. It proves who
//   made it only when the key's fingerprint shown at import matches the one printed on the stamped paper
//   file (or read out by the sending ward by phone). Without that comparison it only guards integrity.
// - encryption (AES-256-GCM, scrypt): only who knows the passphrase can read or change the file.
// A newer version than this app knows is refused (update the app); the file is bounded in size.

export const TRANSFER_FORMAT = 'so-an-sinh/chuyen-ho-so';
export const TRANSFER_VERSION = 1;
/** The largest transfer file accepted (encrypted or not): one person's history is a few dozen KB. */
export const MAX_TRANSFER_FILE_BYTES = 2 * 1024 * 1024;
/** The transfer file's name ending; `.sasbak` is added when encrypted. */
export const TRANSFER_FILE_SUFFIX = '.chuyen-ho-so.json';

export interface TransferPersonV1 {
  fullName: string;
  /** 'YYYY-MM-DD', 'YYYY' or null, as birthPrecision says. */
  birthDate: string | null;
  birthPrecision: 'day' | 'year' | 'unknown';
  gender: 'male' | 'female' | null;
  /** 12 digits, or '' when the sending register had none. */
  citizenId: string;
  legacyId: string;
  idIssueDate: string | null;
  idIssuePlace: string;
  /** The address at the previous ward (the receiving ward enters the new one). */
  address: string;
  neighbourhood: string;
  phone: string;
  healthInsuranceNo: string;
  note: string;
}

export interface TransferTermV1 {
  effectiveFrom: string;
  status: 'active' | 'suspended' | 'stopped';
  groupCode: string | null;
  /** The group's name in words at the previous ward (a receiving register may not know a local code). */
  groupLabel: string;
  categoryLabel: string;
  components: Array<{ kind: string; label: string; amountVnd: number }>;
  decisionNumber: string;
}

export interface TransferEntitlementV1 {
  programme: string;
  programmeLabel: string;
  startMonth: string;
  endMonth: string | null;
  caredPersonName: string | null;
  terms: TransferTermV1[];
}

export interface TransferDecisionV1 {
  programme: string;
  kind: 'grant' | 'adjust' | 'suspend' | 'resume' | 'stop';
  number: string;
  signedDate: string | null;
  signer: string;
  effectiveMonth: string;
  reason: string;
}

export interface TransferPayoutV1 {
  effectiveFrom: string;
  programme: string | null;
  method: string;
  /** Bank and masked account, or the receiver's name ('' for cash): history, not a payout instruction. */
  detail: string;
  note: string;
}

export interface TransferAuthorizationV1 {
  receiverName: string;
  relationship: string;
  validFrom: string;
  validTo: string;
  certifiedDate: string | null;
  revokedDate: string | null;
  stateLabel: string;
}

export interface TransferMonthV1 {
  serviceMonth: string;
  label: string;
  owedVnd: number;
  paidVnd: number;
}

export interface TransferPayloadV1 {
  createdAt: string;
  appVersion: string;
  from: { unitName: string; province: string; officerName: string };
  to: { unitName: string };
  movedDate: string;
  /** The previous ward's stop decision for the move. */
  stopDecision: { number: string; signedDate: string | null; signer: string };
  person: TransferPersonV1;
  entitlements: TransferEntitlementV1[];
  decisions: TransferDecisionV1[];
  oneOffItems: Array<{ kind: string; amountVnd: number; dueMonth: string; payeeName: string; note: string }>;
  payoutMethods: TransferPayoutV1[];
  authorizations: TransferAuthorizationV1[];
  money: {
    /** The last service month the previous ward owed (the move's month); the receiving ward pays after it. */
    paidThrough: string | null;
    owedVnd: number;
    paidVnd: number;
    /** Overpaid and not yet recovered (truy thu open) at the previous ward. */
    openOverpaidVnd: number;
    months: TransferMonthV1[];
  };
}

export interface TransferEnvelope {
  format: typeof TRANSFER_FORMAT;
  version: number;
  payload: TransferPayloadV1;
  sha256: string;
  signature: { algorithm: 'Ed25519'; publicKey: string; value: string };
}

/**
 * JSON with object keys in code-point order and no spaces: the same payload gives the same bytes on any
 * machine, so its SHA-256 can be checked after a parse. Only what JSON can carry exactly is allowed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: a number that JSON cannot carry');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: ${typeof value} cannot be written`);
}

/** The bytes (as text) the Ed25519 signature covers: the format, its version and the payload's SHA-256. */
export const signedMessage = (version: number, sha256: string): string => `${TRANSFER_FORMAT}\n${version}\n${sha256}`;

/** "AB12 CD34 …": a key fingerprint (hex) in groups of four, to compare by eye or read out by phone. */
export const groupedHex = (hex: string): string => (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');

/** The person's transfer file name: ho-so-<citizen ID or record number>-<date>.chuyen-ho-so.json. */
export const transferFileBase = (citizenId: string, personId: number, movedDate: string): string =>
  `ho-so-${citizenId || `so-${personId}`}-${movedDate}`;
