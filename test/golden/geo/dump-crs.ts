// Prints the CRS definitions Cairn ships, one "code<TAB>proj4<TAB>west south east north" per line,
// so generate.sh runs cs2cs with exactly the pipelines (including +towgs84) that Cairn uses.
import { supportedCrs } from '../../../src/geo/index.js';

for (const d of supportedCrs()) process.stdout.write(`${d.code}\t${d.proj4}\t${d.area.join(' ')}\n`);
