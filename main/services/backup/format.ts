import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { BUILD_DATE } from '../../version';
import { createReadStream, createWriteStream, closeSync, openSync, readSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

// The encrypted backup file (.sasbak): one self-contained file, documented in README.md ("Tệp sao lưu
// mã hoá") so it can be opened without the app (e.g. a few lines of Python):
//
//   "SASBAK01"                 8 bytes, magic and format version
//   header length N            4 bytes, unsigned big-endian
//   header                     N bytes, UTF-8 JSON: {"kdf":"scrypt","N":131072,"r":8,"p":1,"salt":b64(16),
//                              "cipher":"aes-256-gcm","iv":b64(12),"createdAt":ISO,"appVersion":…,
//                              "schemaVersion":…,"bytes":plain size,"anchor":{"seq":…,"hash":…}|absent}
//   ciphertext                 the SQLite file, AES-256-GCM, key = scrypt(passphrase UTF-8 NFC, salt,
//                              N, r, p, 32 bytes); additional authenticated data = the 12 + N bytes above
//   tag                        16 bytes, the GCM authentication tag
//
// Why not an encrypted zip: writing AES zips needs a dependency that is not in the tree, and the legacy
// ZipCrypto that standard tools open without it is broken. Node's own scrypt + AES-GCM need nothing, and
// the tag proves both the passphrase and every byte of the file.
//
// The scrypt cost is the app's, never the file's: a header naming any other N/r/p is refused before
// scrypt runs (a 300-byte file once asked for 1.2 GB). Files are written with N = 2^17, r = 8, p = 1
// (128 MiB, ~0.4–0.8 s here); files written before that used N = 2^15 and still open. The province
// export's report files use the same format and rules.
//
// "anchor" (backups of the register only): the sequence number (audit_log.id) and hash of the register's
// newest audit entry when the backup was made (main/services/audit-anchors.ts). It is inside the
// authenticated prefix, so only someone who knows the passphrase can write a matching one.

export const MAGIC = Buffer.from('SASBAK01', 'latin1');
const TAG_BYTES = 16;
/** The parameters new files are written with. */
export const KDF = { N: 131072, r: 8, p: 1 } as const;
/** The only parameter sets a file may name: today's, and the one used before (N = 2^15). */
export const ACCEPTED_KDFS: ReadonlyArray<{ N: number; r: number; p: number }> = [KDF, { N: 32768, r: 8, p: 1 }];
/** scrypt needs 128·N·r bytes (128 MiB for today's set); the limit is fixed, never taken from a file. */
const KDF_MAXMEM = 160 * 1024 * 1024;

export interface EncryptedHeader {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  createdAt: string;
  appVersion: string;
  /** The build day of the app that wrote the file (YYYY-MM-DD, 'dev' from sources); absent in older files. */
  buildDate?: string;
  schemaVersion: number;
  bytes: number;
  /** The register's audit chain head when the backup was made; absent in older files and in report files. */
  anchor?: { seq: number; hash: string };
}

export class WrongPassphrase extends Error {
  constructor() {
    super('wrong passphrase or damaged file');
  }
}
export class NotABackup extends Error {}

const isAcceptedKdf = (h: { N?: unknown; r?: unknown; p?: unknown }) =>
  ACCEPTED_KDFS.some((k) => h.N === k.N && h.r === k.r && h.p === k.p);

const deriveKey = (passphrase: string, salt: Buffer, h: Pick<EncryptedHeader, 'N' | 'r' | 'p'>): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // Checked again here so no path can reach scrypt with a file's own cost.
    if (!isAcceptedKdf(h)) throw new NotABackup('unknown key derivation parameters');
    const options: ScryptOptions = { N: h.N, r: h.r, p: h.p, maxmem: KDF_MAXMEM };
    scryptCb(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** Does this file start with the encrypted backup's magic? */
export function isEncryptedBackup(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === MAGIC.length && head.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** The key and the authenticated prefix (magic, header length, header) of a new encrypted file. */
async function newEncryption(
  passphrase: string,
  meta: Pick<EncryptedHeader, 'createdAt' | 'appVersion' | 'schemaVersion' | 'bytes' | 'anchor'>,
) {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header: EncryptedHeader = {
    kdf: 'scrypt',
    ...KDF,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    buildDate: BUILD_DATE,
    ...meta,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const prefix = Buffer.concat([MAGIC, length, json]);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, header), iv);
  cipher.setAAD(prefix);
  return { prefix, cipher };
}

export async function encryptFile(
  source: string,
  target: string,
  passphrase: string,
  meta: Pick<EncryptedHeader, 'createdAt' | 'appVersion' | 'schemaVersion' | 'bytes' | 'anchor'>,
): Promise<void> {
  const { prefix, cipher } = await newEncryption(passphrase, meta);
  const out = createWriteStream(target, { flags: 'wx' });
  out.write(prefix);
  await pipeline(createReadStream(source), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), () => resolve()).on('error', reject));
}

/** The same format for a file held in memory (the province export's reports; schemaVersion 0: not a register). */
export async function encryptBuffer(
  data: Buffer,
  passphrase: string,
  meta: Pick<EncryptedHeader, 'createdAt' | 'appVersion'>,
): Promise<Buffer> {
  const { prefix, cipher } = await newEncryption(passphrase, { ...meta, schemaVersion: 0, bytes: data.length });
  return Buffer.concat([prefix, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
}

function checkHeader(header: EncryptedHeader): void {
  if (typeof header !== 'object' || header === null) throw new NotABackup('bad header');
  if (
    header.kdf !== 'scrypt' ||
    header.cipher !== 'aes-256-gcm' ||
    typeof header.salt !== 'string' ||
    typeof header.iv !== 'string'
  )
    throw new NotABackup('unknown header');
  if (!isAcceptedKdf(header)) throw new NotABackup('unknown key derivation parameters');
  if (Buffer.from(header.salt, 'base64').length !== 16 || Buffer.from(header.iv, 'base64').length !== 12)
    throw new NotABackup('bad salt or iv');
}

/**
 * Decrypts a small file held in memory (a province export's data file at the receiving office, issue 17).
 * Throws NotABackup for a file not in the format, WrongPassphrase when the tag fails (nothing is returned
 * before the tag has been checked).
 */
export async function decryptBuffer(data: Buffer, passphrase: string): Promise<Buffer> {
  if (data.length < 12 + TAG_BYTES || !data.subarray(0, 8).equals(MAGIC)) throw new NotABackup('no magic');
  const n = data.readUInt32BE(8);
  if (n > 64 * 1024 || 12 + n + TAG_BYTES > data.length) throw new NotABackup('header too long');
  let header: EncryptedHeader;
  try {
    header = JSON.parse(data.subarray(12, 12 + n).toString('utf8')) as EncryptedHeader;
  } catch {
    throw new NotABackup('bad header');
  }
  checkHeader(header);
  const key = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(data.subarray(0, 12 + n));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(12 + n, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new WrongPassphrase();
  }
}

/** Reads the header of an encrypted backup (throws NotABackup if it has none). */
export function readHeader(path: string): { header: EncryptedHeader; prefixBytes: number; prefix: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const start = Buffer.alloc(12);
    if (readSync(fd, start, 0, 12, 0) !== 12 || !start.subarray(0, 8).equals(MAGIC)) throw new NotABackup('no magic');
    const n = start.readUInt32BE(8);
    if (n > 64 * 1024) throw new NotABackup('header too long');
    const json = Buffer.alloc(n);
    if (readSync(fd, json, 0, n, 12) !== n) throw new NotABackup('short header');
    let header: EncryptedHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as EncryptedHeader;
    } catch {
      throw new NotABackup('bad header');
    }
    checkHeader(header);
    return { header, prefixBytes: 12 + n, prefix: Buffer.concat([start, json]) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Decrypts to `target`. A wrong passphrase or any changed byte fails the GCM tag: WrongPassphrase is
 * thrown (the caller removes `target`; nothing decrypted is used before the tag has been checked).
 */
export async function decryptFile(source: string, target: string, passphrase: string): Promise<EncryptedHeader> {
  const { header, prefixBytes, prefix } = readHeader(source);
  const { size } = statSync(source);
  const end = size - TAG_BYTES;
  if (end < prefixBytes) throw new NotABackup('too short');
  const tag = Buffer.alloc(TAG_BYTES);
  const fd = openSync(source, 'r');
  try {
    readSync(fd, tag, 0, TAG_BYTES, end);
  } finally {
    closeSync(fd);
  }
  const key = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(prefix);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      end > prefixBytes ? createReadStream(source, { start: prefixBytes, end: end - 1 }) : emptyStream(),
      decipher,
      createWriteStream(target, { flags: 'wx' }),
    );
  } catch (error) {
    if (error instanceof Error && /auth|decrypt/i.test(error.message)) throw new WrongPassphrase();
    throw error;
  }
  return header;
}

function emptyStream(): Transform {
  const t = new Transform({ transform: (_c, _e, cb) => cb() });
  t.end();
  return t;
}
