/**
 * The sketch map of a record sheet: a local equirectangular frame (metres east and north of the
 * centre, good to a fraction of a percent over a few kilometres) fitted into a drawing box.
 */
import type { Position } from '../../geo/index.js';
import type { MinefieldSheet } from './sheet.js';

const M_PER_DEG = 111_320;

export interface MapFrame {
  /** Drawing coordinates (y down) of a WGS 84 position. */
  readonly project: (p: Position) => readonly [number, number];
  /** Metres per drawing unit. */
  readonly metresPerUnit: number;
  /** A round scale-bar length in metres. */
  readonly scaleBarM: number;
}

/** Fit everything the sheet draws into a box of `width` × `height` with a margin. */
export function mapFrame(sheet: MinefieldSheet, width: number, height: number, margin = 24): MapFrame {
  const pts: Position[] = [
    ...(sheet.perimeter?.polygon ?? []),
    ...sheet.referencePoints.map((r) => r.position),
    ...sheet.rows.flatMap((r) => r.points),
  ];
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const lon0 = pts.length === 0 ? 0 : (Math.min(...lons) + Math.max(...lons)) / 2;
  const lat0 = pts.length === 0 ? 0 : (Math.min(...lats) + Math.max(...lats)) / 2;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const local = (p: Position) => [(p[0] - lon0) * kx, (p[1] - lat0) * M_PER_DEG] as const;
  const xy = pts.map(local);
  const spanX = Math.max(1, ...xy.map((q) => Math.abs(q[0]) * 2));
  const spanY = Math.max(1, ...xy.map((q) => Math.abs(q[1]) * 2));
  const metresPerUnit = Math.max(spanX / (width - 2 * margin), spanY / (height - 2 * margin));
  const project = (p: Position): readonly [number, number] => {
    const [x, y] = local(p);
    return [width / 2 + x / metresPerUnit, height / 2 - y / metresPerUnit];
  };
  const target = (width / 4) * metresPerUnit;
  const pow = 10 ** Math.floor(Math.log10(target));
  const scaleBarM = [5, 2, 1].map((k) => k * pow).find((v) => v <= target) ?? pow;
  return { project, metresPerUnit, scaleBarM };
}
