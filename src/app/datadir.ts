/**
 * The data directory: `cairn.json` (format, origin), `signing.key` (Ed25519, PKCS#8 PEM, 0600)
 * and, for the embedded default, `cairn.db`. Every failure is a one-line CairnError.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { instantSchema } from '../command/index.js';
import { CairnError } from '../core/index.js';
import { generateSigningKeyPem, loadSigner, verifierKeyString, type Signer } from '../ledger/index.js';

export const CONFIG_FILE = 'cairn.json';
export const KEY_FILE = 'signing.key';
export const DB_FILE = 'cairn.db';
const FORMAT = 1;

const configSchema = z.object({
  format: z.literal(FORMAT),
  origin: z.string().min(1).regex(/^\S+$/),
  createdAt: instantSchema,
  synthetic: z.boolean().optional(),
});
export type DataDirConfig = z.infer<typeof configSchema>;

export interface DataDir {
  readonly dir: string;
  readonly config: DataDirConfig;
  readonly signer: Signer;
  readonly dbFile: string;
}

/** The default origin names the log after this machine. */
export function defaultOrigin(): string {
  return `cairn/${hostname() || 'localhost'}`;
}

const ORIGIN = /^[A-Za-z0-9][A-Za-z0-9._/:-]{0,199}$/;

/** Create a data directory with a fresh signing key. Refuses an initialised or non-empty one. */
export function createDataDir(dirIn: string, origin: string, now: Date, synthetic = false): DataDir {
  const dir = resolve(dirIn);
  if (!ORIGIN.test(origin))
    throw new CairnError(
      'USAGE',
      `origin "${origin}" must be 1–200 letters, digits or . _ / : - without spaces`,
    );
  if (existsSync(join(dir, CONFIG_FILE)))
    throw new CairnError('DATA_DIR_EXISTS', `${dir} is already a Cairn data directory`);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new CairnError('USAGE', `${dir} exists and is not a directory`);
    if (readdirSync(dir).length > 0)
      throw new CairnError('DATA_DIR_EXISTS', `${dir} is not empty; choose an empty or new directory`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pem = generateSigningKeyPem();
  writeFileSync(join(dir, KEY_FILE), pem, { mode: 0o600 });
  chmodSync(join(dir, KEY_FILE), 0o600);
  const config: DataDirConfig = {
    format: FORMAT,
    origin,
    createdAt: now.toISOString(),
    ...(synthetic ? { synthetic } : {}),
  };
  writeFileSync(join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
  const signer = loadSigner(origin, pem);
  if (!signer.ok) throw new CairnError('KEY_INVALID', 'the new signing key could not be loaded');
  return { dir, config, signer: signer.value, dbFile: join(dir, DB_FILE) };
}

/** Open an existing data directory, checking its config and key. */
export function openDataDir(dirIn: string): DataDir {
  const dir = resolve(dirIn);
  if (!existsSync(dir))
    throw new CairnError(
      'DATA_DIR_MISSING',
      `data directory ${dir} does not exist; run cairn init --data ${dirIn}`,
    );
  const cfgPath = join(dir, CONFIG_FILE);
  if (!existsSync(cfgPath))
    throw new CairnError(
      'DATA_DIR_MISSING',
      `${dir} is not a Cairn data directory (no ${CONFIG_FILE}); run cairn init --data ${dirIn}`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(cfgPath, 'utf8'));
  } catch {
    throw new CairnError('DATA_DIR_CORRUPT', `${cfgPath} is not valid JSON`);
  }
  const cfg = configSchema.safeParse(raw);
  if (!cfg.success)
    throw new CairnError(
      'DATA_DIR_CORRUPT',
      `${cfgPath} is invalid: ${cfg.error.issues.map((i) => `${i.path.join('.') || 'root'}: ${i.message}`).join('; ')}`,
    );
  const keyPath = join(dir, KEY_FILE);
  if (!existsSync(keyPath))
    throw new CairnError(
      'KEY_MISSING',
      `the signing key ${keyPath} is missing; restore it from backup (a new key cannot sign this log's history)`,
    );
  const signer = loadSigner(cfg.data.origin, readFileSync(keyPath, 'utf8'));
  if (!signer.ok)
    throw new CairnError(
      'KEY_INVALID',
      `the signing key ${keyPath} is invalid: ${signer.errors[0]?.message ?? ''}`,
    );
  return { dir, config: cfg.data, signer: signer.value, dbFile: join(dir, DB_FILE) };
}

/** The verifier key text for a data directory's signer. */
export function dataDirVerifierKey(d: DataDir): string {
  return verifierKeyString(d.signer);
}
