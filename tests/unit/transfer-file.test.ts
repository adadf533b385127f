import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transferEnvelopeSchema, transferPayloadV1Schema } from '@shared/api/person-file';
import {
  canonicalJson,
  groupedHex,
  signedMessage,
  TRANSFER_FORMAT,
  transferFileBase,
} from '@shared/domain/transfer-file';

// The transfer file's pure rules (shared/domain/transfer-file.ts): the canonical JSON its SHA-256 is
// taken over must give the same text for the same value whatever the key order or the machine, and read
// back to the same value; the schema refuses what a version-1 file may not carry.

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const shuffleKeys = (v: unknown, seed: number): unknown => {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, seed));
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    const rotated = entries.length
      ? [...entries.slice(seed % entries.length), ...entries.slice(0, seed % entries.length)].reverse()
      : entries;
    return Object.fromEntries(rotated.map(([k, x]) => [k, shuffleKeys(x, seed + 1)]));
  }
  return v;
};

describe('canonicalJson', () => {
  it('reads back to the same value and ignores key order', () => {
    fc.assert(
      fc.property(json, fc.nat(), (value, seed) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(value);
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('sorts keys by code point and writes no spaces; refuses what JSON cannot carry', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'Ơn'], Z: { y: 2, x: 1 } })).toBe(
      '{"Z":{"x":1,"y":2},"a":[true,null,"Ơn"],"b":1}',
    );
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: 1n })).toThrow();
  });
});

describe('the transfer file format', () => {
  it('signs the format, the version and the checksum together', () => {
    expect(signedMessage(1, 'ab')).toBe(`${TRANSFER_FORMAT}\n1\nab`);
    expect(groupedHex('0123456789abcdef')).toBe('0123 4567 89AB CDEF');
    expect(transferFileBase('', 7, '2026-09-05')).toBe('ho-so-so-7-2026-09-05');
  });

  it('the envelope schema takes only its own format, a checksum in hex and an Ed25519 signature', () => {
    const envelope = {
      format: TRANSFER_FORMAT,
      version: 1,
      payload: {},
      sha256: 'a'.repeat(64),
      signature: { algorithm: 'Ed25519', publicKey: 'x', value: 'y' },
    };
    expect(transferEnvelopeSchema.safeParse(envelope).success).toBe(true);
    expect(transferEnvelopeSchema.safeParse({ ...envelope, format: 'other' }).success).toBe(false);
    expect(transferEnvelopeSchema.safeParse({ ...envelope, sha256: 'A'.repeat(64) }).success).toBe(false);
    expect(transferEnvelopeSchema.safeParse({ ...envelope, extra: 1 }).success).toBe(false);
    expect(
      transferEnvelopeSchema.safeParse({ ...envelope, signature: { ...envelope.signature, algorithm: 'RSA' } }).success,
    ).toBe(false);
  });

  it('the payload schema refuses an unknown field, a non-integer amount and a malformed citizen ID', () => {
    const payload = {
      createdAt: '2026-09-10T02:00:00.000Z',
      appVersion: 'test',
      from: { unitName: 'UBND phường Đức Nghĩa', province: 'Lâm Đồng', officerName: '' },
      to: { unitName: 'Phường Phú Thủy' },
      movedDate: '2026-09-05',
      stopDecision: { number: '45/QĐ-UBND', signedDate: '2026-09-06', signer: '' },
      person: {
        fullName: 'Nguyễn Văn Ơn',
        birthDate: '1940',
        birthPrecision: 'year',
        gender: null,
        citizenId: '',
        legacyId: '',
        idIssueDate: null,
        idIssuePlace: '',
        address: '',
        neighbourhood: '',
        phone: '',
        healthInsuranceNo: '',
        note: '',
      },
      entitlements: [],
      decisions: [],
      oneOffItems: [],
      payoutMethods: [],
      authorizations: [],
      money: { paidThrough: '2026-09', owedVnd: 1_500_000, paidVnd: 1_500_000, openOverpaidVnd: 0, months: [] },
    };
    expect(transferPayloadV1Schema.safeParse(payload).success).toBe(true);
    expect(transferPayloadV1Schema.safeParse({ ...payload, extra: 1 }).success).toBe(false);
    expect(transferPayloadV1Schema.safeParse({ ...payload, money: { ...payload.money, paidVnd: 0.5 } }).success).toBe(
      false,
    );
    expect(
      transferPayloadV1Schema.safeParse({ ...payload, person: { ...payload.person, citizenId: '12345' } }).success,
    ).toBe(false);
  });
});
