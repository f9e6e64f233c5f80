/**
 * A narrow, typed facade over JSTS (the JavaScript port of JTS). JSTS ships generated typings full
 * of `any`; this file is the single place where its objects are given the small structural types
 * Cairn relies on, so the rest of the module stays type-checked.
 */
import 'jsts/org/locationtech/jts/monkey.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import GeoJSONWriter from 'jsts/org/locationtech/jts/io/GeoJSONWriter.js';
import Polygonizer from 'jsts/org/locationtech/jts/operation/polygonize/Polygonizer.js';
import UnaryUnionOp from 'jsts/org/locationtech/jts/operation/union/UnaryUnionOp.js';
import type { Geometry } from './types.js';

/** The part of a JTS geometry Cairn uses. */
export interface JstsGeometry {
  union(other?: JstsGeometry): JstsGeometry;
  difference(other: JstsGeometry): JstsGeometry;
  intersection(other: JstsGeometry): JstsGeometry;
  buffer(distance: number, quadrantSegments?: number): JstsGeometry;
  isEmpty(): boolean;
  isValid(): boolean;
  getArea(): number;
  getInteriorPoint(): JstsGeometry;
  getCoordinate(): { readonly x: number; readonly y: number } | null;
  getGeometryType(): string;
  getNumGeometries(): number;
  getGeometryN(n: number): JstsGeometry;
  intersects(other: JstsGeometry): boolean;
  disjoint(other: JstsGeometry): boolean;
  within(other: JstsGeometry): boolean;
  contains(other: JstsGeometry): boolean;
  equalsTopo(other: JstsGeometry): boolean;
  touches(other: JstsGeometry): boolean;
  crosses(other: JstsGeometry): boolean;
  overlaps(other: JstsGeometry): boolean;
}

interface JstsList {
  toArray(): JstsGeometry[];
}

interface PolygonizerLike {
  add(g: JstsGeometry): void;
  getPolygons(): JstsList;
}

const factory = new GeometryFactory();
const reader = new GeoJSONReader(factory) as unknown as { read(g: unknown): JstsGeometry };
const writer = new GeoJSONWriter() as unknown as { write(g: JstsGeometry): unknown };

/** Geometry to JSTS. */
export function toJsts(g: Geometry): JstsGeometry {
  return reader.read(g);
}

/** JSTS to a plain GeoJSON object (untrusted until validated). */
export function fromJsts(g: JstsGeometry): unknown {
  return writer.write(g);
}

/** Union of many geometries at once (cascaded). */
export function unaryUnion(geoms: readonly JstsGeometry[]): JstsGeometry {
  const collection = (
    factory as unknown as { createGeometryCollection(a: JstsGeometry[]): JstsGeometry }
  ).createGeometryCollection([...geoms]);
  return (UnaryUnionOp as unknown as { union(g: JstsGeometry): JstsGeometry }).union(collection);
}

/** Polygonize noded linework: every face the lines enclose. */
export function polygonize(lines: JstsGeometry): JstsGeometry[] {
  const p = new Polygonizer() as unknown as PolygonizerLike;
  p.add(lines);
  return p.getPolygons().toArray();
}

/** A JSTS line string or multi line string from raw coordinate lists. */
export function linework(rings: readonly (readonly (readonly [number, number])[])[]): JstsGeometry {
  return toJsts({ type: 'MultiLineString', coordinates: rings });
}
