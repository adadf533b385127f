import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Store } from '../../db/store';
import {
  canonicalJson,
  groupedHex,
  signedMessage,
  TRANSFER_FORMAT,
  TRANSFER_VERSION,
  type TransferPayloadV1,
} from '@shared/domain/transfer-file';
import { readSigningKey, saveSigningKey } from './queries';

// The register's Ed25519 key for transfer files (shared/domain/transfer-file.ts says what a signature
// proves). Made once, on the register's first transfer, and kept in the settings table: it travels with
// the register's backups, so a restored register keeps signing with the same key (and fingerprint).

interface StoredKey {
  privateKeyPem: string;
  publicKeyDer: string;
  createdAt: string;
}

/** The register's key, made now (inside the caller's transaction) if it has none. */
export function ensureSigningKey(store: Store, at: string, userId: number | null): void {
  if (readSigningKey(store)) return;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const stored: StoredKey = {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    createdAt: at,
  };
  saveSigningKey(store, JSON.stringify(stored), at, userId);
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** First 128 bits of the SHA-256 of the public key (SPKI DER), grouped: "AB12 CD34 …". */
export const keyFingerprint = (publicKeyDerBase64: string): string =>
  groupedHex(sha256Hex(Buffer.from(publicKeyDerBase64, 'base64')).slice(0, 32));

export interface SignedTransfer {
  envelope: {
    format: string;
    version: number;
    payload: TransferPayloadV1;
    sha256: string;
    signature: { algorithm: 'Ed25519'; publicKey: string; value: string };
  };
  sha256: string;
  fingerprint: string;
}

export function signPayload(store: Store, payload: TransferPayloadV1): SignedTransfer {
  const raw = readSigningKey(store);
  if (!raw) throw new Error('the register has no signing key: the transfer was not recorded');
  const key = JSON.parse(raw) as StoredKey;
  const sha256 = sha256Hex(Buffer.from(canonicalJson(payload), 'utf8'));
  const value = sign(
    null,
    Buffer.from(signedMessage(TRANSFER_VERSION, sha256), 'utf8'),
    createPrivateKey(key.privateKeyPem),
  ).toString('base64');
  return {
    envelope: {
      format: TRANSFER_FORMAT,
      version: TRANSFER_VERSION,
      payload,
      sha256,
      signature: { algorithm: 'Ed25519', publicKey: key.publicKeyDer, value },
    },
    sha256,
    fingerprint: keyFingerprint(key.publicKeyDer),
  };
}

/** Does the signature verify under the public key the file carries? (false on any malformed key or value) */
export function signatureValid(
  version: number,
  sha256: string,
  publicKeyDerBase64: string,
  valueBase64: string,
): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(publicKeyDerBase64, 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ed25519') return false;
    return verify(
      null,
      Buffer.from(signedMessage(version, sha256), 'utf8'),
      publicKey,
      Buffer.from(valueBase64, 'base64'),
    );
  } catch {
    return false;
  }
}
