/**
 * Vite build of the web app into `dist/web/`, which the HTTP server serves at `/`.
 * The offline basemap is generated here from `world-atlas` (see build/basemap.ts) and emitted as
 * `basemap/countries.geojson`; nothing is fetched from the internet at build or run time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { buildBasemap } from './build/basemap.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const BASEMAP_FILE = 'basemap/countries.json';

function basemapPlugin(): Plugin {
  let cached: string | undefined;
  // 1:110m by default: the first paint matters more than coastline detail under the records
  // (docs/performance.md, "Web app"); CAIRN_BASEMAP_SCALE=50m builds the finer one (~1.7 MB).
  const scale = process.env.CAIRN_BASEMAP_SCALE === '50m' ? '50m' : '110m';
  const text = (): string => (cached ??= JSON.stringify(buildBasemap({ scale, digits: 3 })));
  return {
    name: 'cairn-basemap',
    configureServer(server) {
      server.middlewares.use(`/${BASEMAP_FILE}`, (_req, res) => {
        res.setHeader('content-type', 'application/geo+json');
        res.end(text());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: BASEMAP_FILE, source: text() });
    },
  };
}

const STATIC_DIR = `${here}static`;

/**
 * The service worker (src/sw/sw.ts) built to `/sw.js`, with this build's files written into it as
 * its precache list and a version that is the hash of their contents: any change to the app makes
 * a new worker, which installs beside the old one (docs/web.md, "Offline").
 */
function serviceWorkerPlugin(): Plugin {
  return {
    name: 'cairn-service-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: `${here}src/sw/sw.ts`, fileName: 'sw.js' });
    },
    generateBundle(_options, bundle) {
      const sw = bundle['sw.js'];
      if (sw === undefined || sw.type !== 'chunk')
        throw new Error('cairn-service-worker: sw.js was not built');
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [name, out] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (name === 'sw.js' || name.endsWith('.map')) continue;
        files.push(name);
        hash.update(name).update(out.type === 'chunk' ? out.code : out.source);
      }
      // The files Vite copies from static/ as they are (icons, the manifest).
      for (const name of readdirSync(STATIC_DIR).sort()) {
        files.push(name);
        hash.update(name).update(readFileSync(`${STATIC_DIR}/${name}`));
      }
      const precache = { version: hash.digest('hex').slice(0, 16), urls: files.map((f) => `/${f}`) };
      if (!sw.code.includes('__CAIRN_PRECACHE__'))
        throw new Error('cairn-service-worker: the precache placeholder is missing from sw.js');
      // Registered as a classic script (module service workers are not in every browser a field
      // tablet runs): the worker must be one self-contained file.
      if (/^\s*(import|export)\b|\bimport\s*\(/m.test(sw.code) || sw.imports.length > 0)
        throw new Error('cairn-service-worker: sw.js must not import or export anything');
      sw.code = sw.code.replaceAll('__CAIRN_PRECACHE__', JSON.stringify(precache));
    },
  };
}

const devApi = process.env.CAIRN_DEV_API ?? 'http://127.0.0.1:8080';

export const config = defineConfig({
  root: here,
  base: '/',
  // Icons and the web app manifest, copied as they are.
  publicDir: STATIC_DIR,
  plugins: [basemapPlugin(), serviceWorkerPlugin()],
  resolve: {
    // src/core mints ids with node:crypto; in the browser the same function is Web Crypto's.
    alias: { 'node:crypto': `${here}src/shims/node-crypto.ts` },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // MapLibre's worker is an ES module; name it .js so every static server sends a JavaScript type.
        assetFileNames: (asset) =>
          asset.names.some((n) => n.endsWith('.mjs'))
            ? 'assets/[name]-[hash].js'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/tiles', '/collections', '/conformance', '/auth'].map((p) => [p, devApi]),
    ),
  },
});

// Vite reads the default export of its config file.
// eslint-disable-next-line no-restricted-syntax -- vite requires a default export here
export default config;
