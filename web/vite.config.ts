/**
 * Vite build of the web app into `dist/web/`, which the HTTP server serves at `/`.
 * The offline basemap is generated here from `world-atlas` (see build/basemap.ts) and emitted as
 * `basemap/countries.geojson`; nothing is fetched from the internet at build or run time.
 */
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

const devApi = process.env.CAIRN_DEV_API ?? 'http://127.0.0.1:8080';

export const config = defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  plugins: [basemapPlugin()],
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
        assetFileNames: (asset) => (asset.names.some((n) => n.endsWith('.mjs')) ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/tiles', '/collections', '/conformance', '/auth'].map((p) => [p, devApi])),
  },
});

// Vite reads the default export of its config file.
// eslint-disable-next-line no-restricted-syntax -- vite requires a default export here
export default config;
