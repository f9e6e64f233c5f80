import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  checkpointBody,
  generateSigningKeyPem,
  loadSigner,
  openCheckpoint,
  parseVerifierKey,
  signCheckpoint,
  verifierKeyString,
  type Signer,
  type Verifier,
} from './index.js';

const ORIGIN = 'example.org/checkpoint-test';

function signer(origin = ORIGIN): Signer {
  const s = loadSigner(origin, generateSigningKeyPem());
  if (!s.ok) throw new Error('test key');
  return s.value;
}
function verifierOf(s: Signer): Verifier {
  const v = parseVerifierKey(verifierKeyString(s));
  if (!v.ok) throw new Error('own verifier key does not parse');
  return v.value;
}
const me = signer();
const mine = verifierOf(me);
const root = createHash('sha256').update('a root').digest();
const signed = signCheckpoint({ origin: ORIGIN, size: 12345, root }, me);

/** The code and message of a refused checkpoint. */
function refusal(text: string, v: Verifier = mine): string {
  const r = openCheckpoint(text, v);
  if (r.ok) return 'accepted';
  expect(r.errors.map((e) => e.code)).toEqual(['LEDGER_CHECKPOINT_INVALID']);
  return r.errors[0]?.message ?? '';
}

describe('signed checkpoints (C2SP tlog-checkpoint, signed note)', () => {
  it('opens what it signed, for any size and root', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (size, r) => {
          const cp = signCheckpoint({ origin: ORIGIN, size, root: r }, me);
          expect(cp.text.startsWith(checkpointBody({ origin: ORIGIN, size, root: r }) + '\n\u2014 ')).toBe(
            true,
          );
          const opened = openCheckpoint(cp.text, mine);
          expect(
            opened.ok && [
              opened.value.origin,
              opened.value.size,
              Buffer.from(opened.value.root).toString('hex'),
              opened.value.text,
            ],
          ).toEqual([ORIGIN, size, Buffer.from(r).toString('hex'), cp.text]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('signs the empty tree', () => {
    const cp = signCheckpoint({ origin: ORIGIN, size: 0, root: EMPTY_ROOT }, me);
    expect(cp.text.split('\n').slice(0, 3)).toEqual([
      ORIGIN,
      '0',
      '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    ]);
    expect(openCheckpoint(cp.text, mine).ok).toBe(true);
  });

  it('refuses a checkpoint signed by another key of the same origin', () => {
    const other = signCheckpoint({ origin: ORIGIN, size: 12345, root }, signer());
    expect(refusal(other.text)).toBe('no signature by the verifier key');
  });

  it('accepts a note that also carries another signer’s line (a cosignature)', () => {
    const other = signCheckpoint({ origin: ORIGIN, size: 12345, root }, signer());
    const otherLine = other.text.split('\n\n')[1] ?? '';
    expect(refusal(`${signed.text}${otherLine}`)).toBe('accepted');
    expect(
      refusal(`${signed.text.split('\n\n')[0] ?? ''}\n\n${otherLine}${signed.text.split('\n\n')[1] ?? ''}`),
    ).toBe('accepted');
  });

  it('refuses an altered size, root or origin', () => {
    expect(refusal(signed.text.replace('\n12345\n', '\n12346\n'))).toBe('the signature does not verify');
    const lines = signed.text.split('\n');
    const r2 = Buffer.from(root);
    r2[31] = (r2[31] ?? 0) ^ 0x80;
    expect(refusal([lines[0], lines[1], r2.toString('base64'), ...lines.slice(3)].join('\n'))).toBe(
      'the signature does not verify',
    );
    expect(refusal(signed.text.replace(`${ORIGIN}\n`, 'example.org/other\n'))).toMatch(
      /^the checkpoint origin "example.org\/other" is not the verifier's/,
    );
  });

  it('refuses an altered signature', () => {
    const [body = '', sigLine = ''] = signed.text.split('\n\n');
    const blob = Buffer.from(sigLine.split(' ')[2] ?? '', 'base64');
    blob[10] = (blob[10] ?? 0) ^ 1;
    expect(refusal(`${body}\n\n\u2014 ${ORIGIN} ${blob.toString('base64')}\n`)).toBe(
      'the signature does not verify',
    );
    expect(refusal(`${body}\n\n\u2014 ${ORIGIN} ${blob.subarray(0, 40).toString('base64')}\n`)).toBe(
      'the signature has the wrong length',
    );
  });

  it('refuses malformed notes, naming what is wrong', () => {
    const [body = '', sigLine = ''] = signed.text.split('\n\n');
    const b64root = root.toString('base64');
    const cases: readonly (readonly [string, RegExp])[] = [
      [body + sigLine, /no blank line/],
      [`${ORIGIN}\n12345\n\n${sigLine}`, /needs origin, tree size and root hash/],
      [`\n12345\n${b64root}\n\n${sigLine}`, /origin line is empty/],
      [`${ORIGIN}\n012345\n${b64root}\n\n${sigLine}`, /tree size is not a decimal number/],
      [`${ORIGIN}\n-1\n${b64root}\n\n${sigLine}`, /tree size is not a decimal number/],
      [`${ORIGIN}\n1e3\n${b64root}\n\n${sigLine}`, /tree size is not a decimal number/],
      [`${ORIGIN}\n99999999999999999999\n${b64root}\n\n${sigLine}`, /tree size is not a decimal number/],
      [
        `${ORIGIN}\n12345\n${root.subarray(1).toString('base64')}\n\n${sigLine}`,
        /root hash is not base64 of 32 bytes/,
      ],
      [`${ORIGIN}\n12345\n${b64root.replace('=', '')}\n\n${sigLine}`, /root hash is not base64 of 32 bytes/],
      [`${ORIGIN}\n12345\n${root.toString('hex')}\n\n${sigLine}`, /root hash is not base64 of 32 bytes/],
      [`${body}\n\n${sigLine.replace('\u2014', '-')}`, /signature line is malformed/],
      [`${body}\n\n${sigLine.slice(0, -1)}`, /must end with a newline/],
      [`${body}\n\n`, /no signature by the verifier key/],
    ];
    for (const [text, why] of cases) expect(refusal(text), JSON.stringify(text)).toMatch(why);
  });
});

describe('verifier keys (name+keyid+base64 key)', () => {
  it('round-trips the instance key through its text form', () => {
    const text = verifierKeyString(me);
    expect(text).toMatch(/^example\.org\/checkpoint-test\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(mine.name).toBe(ORIGIN);
    expect(mine.publicKey.equals(me.publicKey)).toBe(true);
    expect(mine.keyId.equals(me.keyId)).toBe(true);
  });

  it("parses a key whose base64 holds '+' and '/' (split at the first two '+' only)", () => {
    // 0x01 ‖ 32 bytes chosen so the base64 text holds both '+' (62) and '/' (63).
    const pub = Buffer.alloc(32, 0xfb);
    pub[1] = 0xef;
    pub[2] = 0xff;
    const b64 = Buffer.concat([Buffer.from([0x01]), pub]).toString('base64');
    expect(b64).toContain('+');
    expect(b64).toContain('/');
    const id = createHash('sha256')
      .update(`${ORIGIN}\n`)
      .update(Buffer.from([0x01]))
      .update(pub)
      .digest()
      .subarray(0, 4)
      .toString('hex');
    const v = parseVerifierKey(`${ORIGIN}+${id}+${b64}`);
    expect(v.ok && [v.value.name, v.value.keyId.toString('hex'), v.value.publicKey.toString('hex')]).toEqual([
      ORIGIN,
      id,
      pub.toString('hex'),
    ]);
  });

  it('refuses malformed verifier keys, each with KEY_INVALID', () => {
    const text = verifierKeyString(me);
    const name = ORIGIN;
    const id = me.keyId.toString('hex');
    const key = text.slice(`${name}+${id}+`.length);
    const wrongAlg = Buffer.from(key, 'base64');
    wrongAlg[0] = 0x02;
    const bad = [
      '',
      name,
      `${name}+${id}`,
      `+${id}+${key}`,
      `has space+${id}+${key}`,
      // Upper-case hex is refused; force a letter so the case holds whatever digits the random id has.
      `${name}+A${id.slice(1).toUpperCase()}+${key}`,
      `${name}+${id.slice(1)}+${key}`,
      `${name}+00000000+${key}`,
      `other.org/log+${id}+${key}`,
      `${name}+${id}+${wrongAlg.toString('base64')}`,
      `${name}+${id}+${key.slice(0, -1)}`,
      `${name}+${id}+${key}=`,
      `${name}+${id}+${Buffer.from(key, 'base64').subarray(0, 32).toString('base64')}`,
    ];
    for (const t of bad) {
      const r = parseVerifierKey(t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['KEY_INVALID']);
    }
  });

  it('refuses a signing key that is not Ed25519 or not a key at all', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    for (const pem of [ec, 'not a key', '']) {
      const r = loadSigner(ORIGIN, pem);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['KEY_INVALID']);
    }
  });
});
