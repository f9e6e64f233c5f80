/** The minefields module's record collection, with the type of its documents' data. */
import { collection } from '../command/index.js';
import { MINEFIELDS, type MinefieldRecord } from './types.js';

/** One record document per minefield (its perimeter as the document geometry). */
export const minefieldDocs = collection<MinefieldRecord>(MINEFIELDS);
