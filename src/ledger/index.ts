/** ledger: the RFC 9162 Merkle log, proofs and signed checkpoints. Pure; no I/O. */
export { HASH_SIZE, EMPTY_ROOT, leafHash, nodeHash } from './hash.js';
export {
  rangeHash,
  rootHash,
  appendNodes,
  inclusionProof,
  consistencyProof,
  nodesRead,
  mapSource,
  isPow2,
  MemoryTree,
  subtreeNodes,
  subtreeNodeCount,
  Frontier,
} from './tree.js';
export type { NodeRef, StoredNode, NodeSource } from './tree.js';
export { rootFromInclusionProof, verifyInclusion, verifyConsistency } from './verify.js';
export {
  keyIdFor,
  generateSigningKeyPem,
  loadSigner,
  verifierKeyString,
  parseVerifierKey,
  checkpointBody,
  signCheckpoint,
  openCheckpoint,
} from './checkpoint.js';
export type { Checkpoint, SignedCheckpoint, Signer, Verifier } from './checkpoint.js';
export {
  eventBytes,
  eventBytesAndLeaf,
  eventLeafHash,
  parseEventBytes,
  parseEventText,
  placeDraft,
} from './event.js';
export type { LedgerEvent, EventDraft } from './event.js';
