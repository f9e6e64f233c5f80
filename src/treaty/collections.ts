/** The treaty registry's collection, with the type of its documents' data. */
import { collection } from '../command/index.js';
import { TREATY_STATES, type TreatyState } from './types.js';

/** The registry's documents: one per state, by ISO 3166-1 alpha-2 code. */
export const treatyDocs = collection<TreatyState>(TREATY_STATES);
