/** Identifiers. Random ids are UUIDv4 from node:crypto; human ids are minted by their modules. */
import { randomUUID } from 'node:crypto';
import type { Brand } from './brand.js';

export type UserId = Brand<string, 'UserId'>;
export type Sha256Hex = Brand<string, 'Sha256Hex'>;

/** A fresh random identifier (UUID v4). */
export function newId(): string {
  return randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when text is a lower-case UUID. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Parse a lower-case hex SHA-256 digest. */
export function parseSha256Hex(text: string): Sha256Hex | undefined {
  return SHA256_HEX.test(text) ? (text as Sha256Hex) : undefined;
}
