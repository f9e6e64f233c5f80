/** vt-pbf ships no typings; this is the one function Cairn uses. */
declare module 'vt-pbf' {
  /** Encode geojson-vt tiles (layer name → tile) as a Mapbox Vector Tile protobuf. */
  export function fromGeojsonVt(
    layers: Readonly<Record<string, unknown>>,
    options?: { readonly version?: number; readonly extent?: number },
  ): Uint8Array;
}
