/**
 * Checkpoints in the C2SP tlog-checkpoint format, signed as C2SP signed notes with Ed25519.
 *
 * Body:      <origin>\n<tree size>\n<base64 root hash>\n
 * Signature: — <key name> <base64(4-byte key id ‖ 64-byte signature over the body)>\n
 * Key id:    first 4 bytes of SHA-256(<key name> ‖ "\n" ‖ 0x01 ‖ 32-byte public key)
 * Verifier:  <key name>+<8 hex key id>+<base64(0x01 ‖ public key)>
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { err, ok, problem, type Result } from '../core/index.js';
import { HASH_SIZE } from './hash.js';

const ED25519_ALG = 0x01;
const EM_DASH = '\u2014';
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

export interface SignedCheckpoint extends Checkpoint {
  /** The full signed note text, exactly as published. */
  readonly text: string;
}

/** An Ed25519 signing identity for one log origin. */
export interface Signer {
  readonly origin: string;
  readonly publicKey: Buffer;
  readonly keyId: Buffer;
  readonly privateKey: KeyObject;
}

/** A parsed verifier key (`name+hexid+base64key`). */
export interface Verifier {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
}

/** Key id per the signed-note spec. */
export function keyIdFor(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([ED25519_ALG]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(der.length - 32));
}

/** A new random Ed25519 key pair, as PKCS#8 PEM for the data directory. */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Load a signer from a PKCS#8 PEM private key; errors name what is wrong. */
export function loadSigner(origin: string, pem: string): Result<Signer> {
  try {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      return err([problem('KEY_INVALID', 'key', 'the signing key is not an Ed25519 key')]);
    }
    const publicKey = rawPublicKey(createPublicKey(privateKey));
    return ok({ origin, publicKey, keyId: keyIdFor(origin, publicKey), privateKey });
  } catch {
    return err([problem('KEY_INVALID', 'key', 'the signing key file cannot be read as a PKCS#8 PEM key')]);
  }
}

/** `<origin>+<8 hex>+<base64(0x01 ‖ key)>` */
export function verifierKeyString(signer: Pick<Signer, 'origin' | 'publicKey' | 'keyId'>): string {
  const key = Buffer.concat([Buffer.from([ED25519_ALG]), signer.publicKey]).toString('base64');
  return `${signer.origin}+${signer.keyId.toString('hex')}+${key}`;
}

/** Parse a verifier key string, checking its key id against its name and key. */
export function parseVerifierKey(text: string): Result<Verifier> {
  const bad = (m: string) => err([problem('KEY_INVALID', 'verifierKey', m)]);
  // The name holds no '+'; the base64 key may, so split at the first two only.
  const t = text.trim();
  const a = t.indexOf('+');
  const b = a < 0 ? -1 : t.indexOf('+', a + 1);
  if (a < 0 || b < 0) return bad('a verifier key has the form name+keyid+key');
  const name = t.slice(0, a);
  const hex = t.slice(a + 1, b);
  const b64 = t.slice(b + 1);
  if (name === '' || /\s/.test(name)) return bad('the verifier key name is empty or contains spaces');
  if (!/^[0-9a-f]{8}$/.test(hex)) return bad('the key id must be 8 lower-case hex digits');
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 33 || key[0] !== ED25519_ALG || key.toString('base64') !== b64) {
    return bad('the key must be base64 of 0x01 followed by a 32-byte Ed25519 public key');
  }
  const publicKey = key.subarray(1);
  const keyId = keyIdFor(name, publicKey);
  if (keyId.toString('hex') !== hex) return bad('the key id does not match the name and key');
  return ok({ name, keyId, publicKey });
}

/** The checkpoint body that is signed. */
export function checkpointBody(cp: Checkpoint): string {
  return `${cp.origin}\n${cp.size}\n${Buffer.from(cp.root).toString('base64')}\n`;
}

/** Sign a checkpoint, producing the signed note text. */
export function signCheckpoint(cp: Checkpoint, signer: Signer): SignedCheckpoint {
  if (cp.origin !== signer.origin) throw new Error('checkpoint origin differs from the signer origin');
  const body = checkpointBody(cp);
  const sig = sign(null, Buffer.from(body, 'utf8'), signer.privateKey);
  const line = `${EM_DASH} ${signer.origin} ${Buffer.concat([signer.keyId, sig]).toString('base64')}\n`;
  return { ...cp, text: `${body}\n${line}` };
}

/**
 * Parse a signed checkpoint and verify it against `verifier`. Refuses a malformed body, a
 * missing signature by that key, or a bad signature, each with its own message.
 */
export function openCheckpoint(text: string, verifier: Verifier): Result<SignedCheckpoint> {
  const bad = (m: string) => err([problem('LEDGER_CHECKPOINT_INVALID', 'checkpoint', m)]);
  const sep = text.indexOf('\n\n');
  if (sep < 0) return bad('no blank line between the checkpoint body and its signatures');
  const body = text.slice(0, sep + 1);
  const lines = body.split('\n');
  if (lines.length < 4) return bad('the body needs origin, tree size and root hash lines');
  const [origin = '', sizeText = '', rootText = ''] = lines;
  if (origin === '') return bad('the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    return bad('the tree size is not a decimal number without leading zeros');
  }
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== HASH_SIZE || root.toString('base64') !== rootText) {
    return bad('the root hash is not base64 of 32 bytes');
  }
  if (origin !== verifier.name)
    return bad(`the checkpoint origin "${origin}" is not the verifier's "${verifier.name}"`);
  const sigLines = text.slice(sep + 2).split('\n');
  if (sigLines[sigLines.length - 1] !== '') return bad('the signature block must end with a newline');
  let found = false;
  for (const line of sigLines.slice(0, -1)) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (m === null) return bad('a signature line is malformed');
    const [, name, b64 = ''] = m;
    const blob = Buffer.from(b64, 'base64');
    if (name !== verifier.name || blob.length < 4 || !blob.subarray(0, 4).equals(verifier.keyId)) continue;
    found = true;
    if (blob.length !== 68) return bad('the signature has the wrong length');
    const pub = createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, verifier.publicKey]),
      format: 'der',
      type: 'spki',
    });
    if (!verify(null, Buffer.from(body, 'utf8'), pub, blob.subarray(4)))
      return bad('the signature does not verify');
  }
  if (!found) return bad('no signature by the verifier key');
  return ok({ origin, size: Number(sizeText), root, text });
}
