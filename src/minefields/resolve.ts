/**
 * Turn entered record fields into stored ones: coordinates parsed through `geo` keeping the original
 * text, turning points given as bearing and distance from a reference point solved on the
 * ellipsoid, the perimeter validated as a polygon, and every problem collected with its path.
 */
import { problem, type Problem } from '../core/index.js';
import {
  measure,
  parseBearing,
  parseCoordinate,
  parseFormat,
  parseGrid,
  pointAtBearing,
  validateGeometry,
  wgs84Point,
  type PolygonGeometry,
  type Position,
} from '../geo/index.js';
import type { PerimeterInput, PointInput, ReferencePointInput } from './schema.js';
import type { MinePosition, Perimeter, RecordedPoint, ReferencePoint, RowLine } from './types.js';

const prefixed = (ps: readonly Problem[], path: string): Problem[] =>
  ps.map((p) => ({ ...p, path: p.path === '' ? path : `${path}.${p.path}` }));

/** Parse coordinate text in a named format (dd, dms, dmm, utm, mgrs, epsg:CODE). */
function coordinate(
  textIn: string,
  formatName: string,
  path: string,
  problems: Problem[],
): RecordedPoint | undefined {
  const f = parseFormat(formatName);
  if (!f.ok) {
    problems.push(
      ...prefixed(
        f.errors.map((p) => ({ ...p, path: '' })),
        `${path}.format`,
      ),
    );
    return undefined;
  }
  const c = parseCoordinate(textIn, f.value);
  if (!c.ok) {
    problems.push(
      ...prefixed(
        c.errors.map((p) => ({ ...p, path: '' })),
        `${path}.text`,
      ),
    );
    return undefined;
  }
  return {
    position: [c.value.lon, c.value.lat],
    original: {
      kind: 'coordinate',
      text: c.value.original.text,
      format: c.value.original.format,
      crs: c.value.original.crs,
    },
  };
}

/** Resolve one entered point; bearings are taken from the named reference point. */
export function resolvePoint(
  input: PointInput,
  refs: ReadonlyMap<string, ReferencePoint>,
  path: string,
  problems: Problem[],
): RecordedPoint | undefined {
  if (input.kind === 'coordinate') return coordinate(input.text, input.format, path, problems);
  const from = refs.get(input.from);
  const n = problems.length;
  if (from === undefined) {
    problems.push(
      problem(
        'MINEFIELD_UNKNOWN_REFERENCE_POINT',
        `${path}.from`,
        `the record has no reference point "${input.from}"`,
        { value: input.from },
      ),
    );
  }
  const b = parseBearing(input.bearing);
  if (!b.ok)
    problems.push(
      ...prefixed(
        b.errors.map((p) => ({ ...p, path: '' })),
        `${path}.bearing`,
      ),
    );
  const g = input.grid === undefined ? undefined : parseGrid(input.grid);
  if (g !== undefined && !g.ok)
    problems.push(
      ...prefixed(
        g.errors.map((p) => ({ ...p, path: '' })),
        `${path}.grid`,
      ),
    );
  if (problems.length > n || from === undefined || !b.ok || (g !== undefined && !g.ok)) return undefined;
  const origin = wgs84Point(from.point.position[1], from.point.position[0]);
  if (!origin.ok) return undefined;
  const p = pointAtBearing(origin.value, b.value, input.distanceM, g?.value);
  if (!p.ok) {
    problems.push(
      ...prefixed(
        p.errors.map((e) => ({ ...e, path: '' })),
        path,
      ),
    );
    return undefined;
  }
  return {
    position: [p.value.lon, p.value.lat],
    original: {
      kind: 'bearing',
      from: input.from,
      bearing: input.bearing,
      distanceM: input.distanceM,
      ...(input.grid === undefined ? {} : { grid: input.grid }),
    },
  };
}

function checkUnique(labels: readonly string[], path: string, problems: Problem[]): void {
  const seen = new Set<string>();
  labels.forEach((l, i) => {
    if (seen.has(l))
      problems.push(
        problem('MINEFIELD_DUPLICATE_LABEL', `${path}[${i}].label`, `the label "${l}" is used twice`, {
          value: l,
        }),
      );
    seen.add(l);
  });
}

export function resolveReferencePoints(
  input: readonly ReferencePointInput[],
  path: string,
  problems: Problem[],
): ReferencePoint[] {
  checkUnique(
    input.map((r) => r.label),
    path,
    problems,
  );
  const out: ReferencePoint[] = [];
  input.forEach((r, i) => {
    const p = coordinate(r.coordinate.text, r.coordinate.format, `${path}[${i}].coordinate`, problems);
    if (r.toLandmark !== undefined) {
      const b = parseBearing(r.toLandmark.bearing);
      if (!b.ok)
        problems.push(
          ...prefixed(
            b.errors.map((e) => ({ ...e, path: '' })),
            `${path}[${i}].toLandmark.bearing`,
          ),
        );
    }
    if (p === undefined) return;
    out.push({
      label: r.label,
      point: p,
      landmark: r.landmark,
      ...(r.toLandmark === undefined ? {} : { toLandmark: r.toLandmark }),
      fixedBy: r.fixedBy,
      accuracyM: r.accuracyM,
    });
  });
  return out;
}

/** Build and validate the perimeter polygon (APII TA 1(a)(ii)); geometry problems keep geo's codes. */
export function resolvePerimeter(
  input: PerimeterInput,
  refs: ReadonlyMap<string, ReferencePoint>,
  path: string,
  problems: Problem[],
): Perimeter | undefined {
  let candidate: unknown;
  let turningPoints: RecordedPoint[] | undefined;
  if ('turningPoints' in input) {
    const n = problems.length;
    const pts = input.turningPoints.map((tp, i) =>
      resolvePoint(tp, refs, `${path}.turningPoints[${i}]`, problems),
    );
    if (problems.length > n) return undefined;
    turningPoints = pts.filter((p): p is RecordedPoint => p !== undefined);
    const ring: Position[] = turningPoints.map((p) => p.position);
    const first = ring[0];
    if (first !== undefined) ring.push(first);
    candidate = { type: 'Polygon', coordinates: [ring] };
  } else candidate = input.polygon;
  const v = validateGeometry(candidate, 'polygon');
  if (!v.ok) {
    problems.push(
      ...v.errors
        .filter((e) => e.severity === 'error')
        .map((e) => ({ code: e.code, path: `${path}.${e.path}`, message: e.message, details: e.details })),
    );
    return undefined;
  }
  if (v.value.geometry.type !== 'Polygon') {
    problems.push(
      problem(
        'MINEFIELD_PERIMETER_INVALID',
        path,
        `the perimeter must be one Polygon, not ${v.value.geometry.type}`,
        { value: v.value.geometry.type },
      ),
    );
    return undefined;
  }
  const polygon: PolygonGeometry = v.value.geometry;
  const m = measure(polygon);
  return {
    polygon,
    ...(turningPoints === undefined ? {} : { turningPoints }),
    areaM2: Math.round(m.area * 100) / 100,
    perimeterM: Math.round(m.perimeter * 100) / 100,
  };
}

export function resolveRows(
  input: readonly { readonly label: string; readonly points: readonly PointInput[] }[],
  refs: ReadonlyMap<string, ReferencePoint>,
  path: string,
  problems: Problem[],
): RowLine[] {
  checkUnique(
    input.map((r) => r.label),
    path,
    problems,
  );
  return input.map((r, i) => ({
    label: r.label,
    points: r.points
      .map((p, j) => resolvePoint(p, refs, `${path}[${i}].points[${j}]`, problems))
      .filter((p): p is RecordedPoint => p !== undefined),
  }));
}

export function resolvePositions(
  input: readonly {
    readonly label: string;
    readonly point: PointInput;
    readonly typeId?: string | undefined;
    readonly mechanism?: string | undefined;
  }[],
  refs: ReadonlyMap<string, ReferencePoint>,
  path: string,
  problems: Problem[],
): MinePosition[] {
  checkUnique(
    input.map((r) => r.label),
    path,
    problems,
  );
  const out: MinePosition[] = [];
  input.forEach((m, i) => {
    const p = resolvePoint(m.point, refs, `${path}[${i}].point`, problems);
    if (p === undefined) return;
    out.push({
      label: m.label,
      point: p,
      ...(m.typeId === undefined ? {} : { typeId: m.typeId }),
      ...(m.mechanism === undefined ? {} : { mechanism: m.mechanism }),
    });
  });
  return out;
}
