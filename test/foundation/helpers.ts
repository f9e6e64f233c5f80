/**
 * Helpers for the foundation's cross-module tests: run the CLI in-process with a capturing
 * CliIo, make throw-away data directories, fingerprint a directory to prove nothing was written,
 * and an RFC 9162 proof verifier written here from the RFC's recursive definitions (§2.1.3.1,
 * §2.1.4.1) so the CLI's proofs are checked by code that shares nothing with src/ledger.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Run `cairn ARGV…` in-process; `stdin` is piped (not a terminal). */
export { runCli as cli, type CliRun } from '../../src/cli/cli.testkit.js';

const made: string[] = [];

/** A fresh empty temporary folder, removed by `cleanTemp()`. */
export function tempDir(prefix = 'cairn-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Remove every folder `tempDir` made. */
export function cleanTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A copy of a data directory in a new temporary folder. */
export function copyDir(dir: string): string {
  const d = join(tempDir('cairn-copy-'), 'data');
  cpSync(dir, d, { recursive: true });
  return d;
}

/** File name → SHA-256 of its content, for every file in a directory (sorted). */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort())
    out[f] = createHash('sha256')
      .update(readFileSync(join(dir, f)))
      .digest('hex');
  return out;
}

export const sha256 = (...parts: readonly Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const node = (l: Uint8Array, r: Uint8Array): Buffer => sha256(Buffer.from([1]), l, r);
/** RFC 9162 §2.1.1: MTH({d}) = SHA-256(0x00 ‖ d). */
export const leafOf = (bytes: Uint8Array): Buffer => sha256(Buffer.from([0]), bytes);

/** Largest power of two strictly below n. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.1 MTH over leaf hashes, by the recursive definition. */
export function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0] ?? sha256();
  const k = split(leaves.length);
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/**
 * Root implied by an inclusion proof, undoing PATH(m, D[n]) (§2.1.3.1) from its last element:
 * PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) when m < k, else PATH(m-k, D[k:n]) : MTH(D[0:k]).
 */
export function rootFromPath(
  m: number,
  n: number,
  leaf: Buffer,
  proof: readonly Buffer[],
): Buffer | undefined {
  if (n === 1) return proof.length === 0 ? leaf : undefined;
  const last = proof[proof.length - 1];
  if (last === undefined) return undefined;
  const k = split(n);
  const rest = proof.slice(0, -1);
  const sub = m < k ? rootFromPath(m, k, leaf, rest) : rootFromPath(m - k, n - k, leaf, rest);
  if (sub === undefined) return undefined;
  return m < k ? node(sub, last) : node(last, sub);
}

/**
 * Old and new roots implied by a consistency proof, undoing SUBPROOF(m, D[n], b) (§2.1.4.1):
 * when m = n the proof is empty if b (the old root is the one the verifier already has) or
 * [MTH(D[n])] otherwise; when m ≤ k it is SUBPROOF(m, D[0:k], b) : MTH(D[k:n]); else it is
 * SUBPROOF(m-k, D[k:n], false) : MTH(D[0:k]).
 */
function subproofRoots(
  m: number,
  n: number,
  b: boolean,
  proof: readonly Buffer[],
  known: Buffer,
): { old: Buffer; new: Buffer } | undefined {
  if (m === n) {
    if (b) return proof.length === 0 ? { old: known, new: known } : undefined;
    const [only] = proof;
    return proof.length === 1 && only !== undefined ? { old: only, new: only } : undefined;
  }
  const last = proof[proof.length - 1];
  if (last === undefined) return undefined;
  const k = split(n);
  const rest = proof.slice(0, -1);
  if (m <= k) {
    const r = subproofRoots(m, k, b, rest, known);
    return r === undefined ? undefined : { old: r.old, new: node(r.new, last) };
  }
  const r = subproofRoots(m - k, n - k, false, rest, known);
  return r === undefined ? undefined : { old: node(last, r.old), new: node(last, r.new) };
}

/** True when `proof` shows the tree of size n (root2) extends the tree of size m (root1). */
export function consistent(
  m: number,
  n: number,
  root1: Buffer,
  root2: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (m < 1 || m > n) return false;
  const r = subproofRoots(m, n, true, proof, root1);
  return r !== undefined && r.old.equals(root1) && r.new.equals(root2);
}

/** A parsed signed checkpoint: body lines and the one signature line. */
export interface ParsedCheckpoint {
  readonly body: string;
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  readonly sigName: string;
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

/** Parse `cairn checkpoint` output strictly by the C2SP format; throws on any deviation. */
export function parseCheckpointText(text: string): ParsedCheckpoint {
  const m = /^([^\n]+)\n(0|[1-9][0-9]*)\n([A-Za-z0-9+/]{43}=)\n\n\u2014 (\S+) ([A-Za-z0-9+/=]+)\n$/.exec(
    text,
  );
  if (m === null) throw new Error(`not a signed checkpoint: ${JSON.stringify(text)}`);
  const [, origin = '', size = '', root = '', sigName = '', sig = ''] = m;
  const blob = Buffer.from(sig, 'base64');
  if (blob.length !== 68) throw new Error(`signature blob has ${blob.length} bytes, not 4 + 64`);
  return {
    body: `${origin}\n${size}\n${root}\n`,
    origin,
    size: Number(size),
    root: Buffer.from(root, 'base64'),
    sigName,
    keyId: blob.subarray(0, 4),
    signature: blob.subarray(4),
  };
}
