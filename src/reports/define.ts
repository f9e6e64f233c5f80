/**
 * One report definition, used by the CLI and the HTTP API alike (issue #13 §5): an id, a title, the
 * permission it needs, a Zod schema of its parameters, `compute` (the JSON model, as the caller
 * sees it) and its renderers. Both adapters are generated from the definitions in `REPORTS`
 * (registry.ts), so a report has the same parameter names, the same validation, the same formats
 * and the same model everywhere: `cairn report ID --format F --param-name V` is
 * `GET /api/reports/ID?format=F&paramName=V`.
 */
import { z } from 'zod';
import { can, type Actor, type Permission } from '../access/index.js';
import { parseWith } from '../command/index.js';
import { err, ok, problem, type Problem, type Result } from '../core/index.js';
import type { ReportApp } from './treaty/index.js';

/** Every format a report may be rendered in; `json` (the model itself) always exists. */
export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Parameters arrive as text from both adapters (flags and query strings). */
export type ParamInput = Readonly<Record<string, string | undefined>>;

/** A report parameter as the adapters show it (flag help, OpenAPI). */
export interface ReportParam {
  /** camelCase: the query parameter name; the CLI flag is its kebab-case (`asOf` → `--as-of`). */
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

/** What a definition gives. `P` is the parsed parameters, `M` the model. */
export interface ReportSpec<S extends z.ZodObject, M> {
  readonly id: string;
  readonly title: string;
  readonly permission: Permission;
  /** A strict object of text fields (describe() each: it is the flag's help). */
  readonly params: S;
  /** The JSON model as `actor` may see it: every refusal as problems. */
  compute(reader: ReportApp, actor: Actor, params: z.output<S>): Promise<Result<M>>;
  readonly renderers: {
    readonly html: (m: M) => string;
    readonly pdf: (m: M) => Promise<Buffer>;
    readonly csv?: (m: M) => string;
  };
  /** The download's base name (no extension; made safe by the adapters). */
  readonly fileName: (m: M, params: z.output<S>) => string;
  /** CLI only: one parameter that may also be given positionally (`cairn report minefield MF-1`). */
  readonly positional?: keyof z.output<S> & string;
  /** CLI only: older command names that keep working (`cairn report stock`). */
  readonly aliases?: readonly string[];
}

/** A rendered report: bytes or text with its media type and file name. */
export interface Rendered {
  readonly format: ReportFormat;
  readonly contentType: string;
  readonly fileName: string;
  readonly body: string | Buffer;
}

/** A registered report with its types erased, as the adapters use it. */
export interface Report {
  readonly id: string;
  readonly title: string;
  readonly permission: Permission;
  readonly params: readonly ReportParam[];
  /**
   * The query of `GET /api/reports/ID`: the parameter schema (its refinements too) with `format`,
   * from which the HTTP route validates and documents its parameters.
   */
  readonly query: z.ZodObject;
  readonly formats: readonly ReportFormat[];
  readonly positional: string | undefined;
  readonly aliases: readonly string[];
  /** Check the permission, validate the parameters and the format, compute the model, render it in `format` (default json). */
  render(reader: ReportApp, actor: Actor, input: ParamInput, format?: string): Promise<Result<Rendered>>;
}

/** The media type of each format's rendering. */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** `asOf` → `as-of`: the CLI flag of a parameter. */
export function flagOf(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');

/** The parameter list of a strict object schema: names, help text, required or not. */
function paramsOf(schema: z.ZodObject): ReportParam[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const f = field as z.ZodType;
    // `.optional()` wraps the described schema: its help is on the inner one.
    const inner = f instanceof z.ZodOptional ? (f.unwrap() as z.ZodType) : f;
    return {
      name,
      description: f.description ?? inner.description ?? name,
      required: !f.safeParse(undefined).success,
    };
  });
}

/**
 * Define a report. The result is what the registry lists and the adapters run.
 * @example defineReport({ id: 'article7', title: 'Ottawa Art 7', permission: 'report.read', params: z.strictObject({ … }), compute, renderers, fileName })
 */
export function defineReport<S extends z.ZodObject, M>(spec: ReportSpec<S, M>): Report {
  const formats: ReportFormat[] = [
    'json',
    ...(spec.renderers.csv === undefined ? [] : (['csv'] as const)),
    'html',
    'pdf',
  ];
  const formatSchema = z.enum(formats as [ReportFormat, ...ReportFormat[]]);
  const parse = (
    actor: Actor,
    input: ParamInput,
    format?: string,
  ): Result<{ params: z.output<S>; format: ReportFormat }> => {
    // Cheap refusals first: no parameter hints for a caller who may not read the report at all.
    if (!can(actor, spec.permission))
      return err([
        problem(
          'AUTH_FORBIDDEN',
          '',
          `${actor.name} may not read the ${spec.title} (needs ${spec.permission})`,
        ),
      ]);
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const problems: Problem[] = [];
    const p = parseWith(spec.params, defined);
    if (!p.ok) problems.push(...p.errors);
    const f = parseWith(formatSchema, format ?? 'json', 'format');
    if (!f.ok)
      problems.push(
        ...f.errors.map((e) =>
          problem(e.code, 'format', `format must be one of ${formats.join(', ')}, got "${format ?? ''}"`, {
            allowed: formats,
          }),
        ),
      );
    if (!p.ok || !f.ok) return err(problems);
    return ok({ params: p.value, format: f.value });
  };
  const render = async (
    reader: ReportApp,
    actor: Actor,
    input: ParamInput,
    format?: string,
  ): Promise<Result<Rendered>> => {
    const parsed = parse(actor, input, format);
    if (!parsed.ok) return parsed;
    const m = await spec.compute(reader, actor, parsed.value.params);
    if (!m.ok) return m;
    const f = parsed.value.format;
    const fileName = `${safeName(spec.fileName(m.value, parsed.value.params))}.${f}`;
    const body =
      f === 'json'
        ? `${JSON.stringify(m.value, null, 2)}\n`
        : f === 'csv'
          ? (spec.renderers.csv?.(m.value) ?? '')
          : f === 'html'
            ? spec.renderers.html(m.value)
            : await spec.renderers.pdf(m.value);
    return ok({ format: f, contentType: REPORT_CONTENT_TYPES[f], fileName, body });
  };
  return Object.freeze({
    id: spec.id,
    title: spec.title,
    permission: spec.permission,
    params: paramsOf(spec.params),
    query: spec.params.safeExtend({
      format: formatSchema.optional().describe(`the format: ${formats.join(', ')} (default json)`),
    }),
    formats,
    positional: spec.positional,
    aliases: spec.aliases ?? [],
    render,
  });
}
