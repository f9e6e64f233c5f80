/** Browser stand-in for the one `node:crypto` function `src/core` uses: Web Crypto's randomUUID. */
export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}
