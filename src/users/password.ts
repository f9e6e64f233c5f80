/** Password and token hashing with node:crypto. Secrets never reach the ledger or a log. */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt cost: N=2^15, r=8, p=1 (~32 MiB, tens of ms) — OWASP's minimum for scrypt.
const N = 32768;
const R = 8;
const P = 1;
const KEYLEN = 32;
const SALT_BYTES = 16;
const MAXMEM = 64 * 1024 * 1024;

/** The parameters every new hash is made with (and the dummy hash too). */
export const SCRYPT_PARAMS = { N, r: R, p: P, keyLength: KEYLEN, saltLength: SALT_BYTES } as const;

function scryptAsync(
  password: string,
  salt: Buffer,
  keyLength: number,
  n: number,
  r: number,
  p: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N: n, r, p, maxmem: MAXMEM }, (e, key) => {
      if (e) reject(e);
      else resolve(key);
    });
  });
}

const b64 = (b: Buffer) => b.toString('base64');

/** `scrypt$N$r$p$<salt b64>$<hash b64>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEYLEN, N, R, P);
  return `scrypt$${N}$${R}$${P}$${b64(salt)}$${b64(key)}`;
}

/**
 * What a login for a name without a usable password hash (unknown name, no password, a damaged
 * hash) is checked against: the current parameters and salt and key lengths, so it costs exactly
 * what a real check costs and the time taken does not tell whether the name exists (OWASP
 * Authentication Cheat Sheet, "Authentication and Error Messages"). Random bytes, not a hash of
 * any password: no password matches it, and building it costs no scrypt run at start-up.
 */
const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${b64(randomBytes(SALT_BYTES))}$${b64(randomBytes(KEYLEN))}`;

interface Stored {
  readonly n: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const POSITIVE = /^[1-9][0-9]{0,9}$/;

/** A stored hash's parts, or undefined when it is not one this module could have written. */
function parseStored(stored: string): Stored | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n = '', r = '', p = '', salt = '', key = ''] = parts;
  if (![n, r, p].every((x) => POSITIVE.test(x)) || !B64.test(salt) || !B64.test(key)) return undefined;
  const out = {
    n: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  };
  // scrypt's own limits: N a power of two above 1, and the memory (128·N·r) within MAXMEM.
  if (
    (out.n & (out.n - 1)) !== 0 ||
    out.n < 2 ||
    128 * out.n * out.r > MAXMEM ||
    out.key.length < 16 ||
    out.key.length > 64
  )
    return undefined;
  return out;
}

async function check(password: string, s: Stored): Promise<boolean> {
  const key = await scryptAsync(password, s.salt, s.key.length, s.n, s.r, s.p);
  return timingSafeEqual(key, s.key);
}

/** Constant-time check of a password against a stored scrypt hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const s = parseStored(stored);
  if (s !== undefined) return check(password, s);
  await check(password, parseStored(DUMMY_HASH) as Stored);
  return false;
}

/**
 * Check a login's password against the user's stored hash, or, when there is none (`undefined`:
 * an unknown name, a user without a password), against the dummy hash at the same cost. Only a
 * stored hash can ever match.
 */
export async function verifyLoginPassword(password: string, stored: string | undefined): Promise<boolean> {
  const ok = await verifyPassword(password, stored ?? DUMMY_HASH);
  return stored !== undefined && ok;
}

/** A new API token: shown once; only its SHA-256 digest is stored. */
export function newToken(): { token: string; digest: string } {
  const token = `cairn_${randomBytes(24).toString('base64url')}`;
  return { token, digest: tokenDigest(token) };
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const MIN_PASSWORD_LENGTH = 10;
