/**
 * Loads github-subset.json (extract.ts) and validates response bodies and headers against it.
 *
 * The subset is OpenAPI 3.0 (`nullable`, `example`, `x-…` extensions); it is converted to JSON
 * Schema draft-07 at load: `nullable: true` adds "null" to `type` (and to `enum`), or a
 * `{ type: 'null' }` branch to a schema without `type`; annotations Ajv does not know are dropped.
 * Ajv runs in strict mode, so a keyword the conversion missed fails loudly instead of being ignored.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

export interface SubsetResponse {
  description: string;
  schema?: Obj;
  headers?: Record<string, { schema: Obj }>;
}

export interface Subset {
  source: { package: string; version: string; openapi: string };
  operations: Record<string, { operationId: string; responses: Record<string, SubsetResponse> }>;
  components: { schemas: Record<string, Obj> };
}

export function loadSubset(): Subset {
  return JSON.parse(readFileSync(new URL('./github-subset.json', import.meta.url), 'utf8')) as Subset;
}

/**
 * Places where GitHub's description is known to be wrong about what GitHub sends, each with its
 * upstream report. Applied to the subset at load; the test fails once a patch no longer applies
 * (the description was fixed, remove the entry).
 */
export const KNOWN_INACCURACIES: { schema: string; path: string[]; set: Obj; issue: string }[] = [
  {
    // Labels without description are listed with "description": null, as in every other label object.
    schema: 'pull-request-simple',
    path: ['properties', 'labels', 'items', 'properties', 'description'],
    set: { nullable: true },
    issue: 'https://github.com/github/rest-api-description/issues/1812'
  }
];

/** The subset with KNOWN_INACCURACIES applied; throws when one of them does not apply any more. */
export function correctedSchemas(subset: Subset): Record<string, Obj> {
  const schemas = structuredClone(subset.components.schemas);
  for (const fix of KNOWN_INACCURACIES) {
    let target: Json = schemas[fix.schema] ?? null;
    for (const key of fix.path) target = target && typeof target === 'object' && !Array.isArray(target) ? (target[key] ?? null) : null;
    if (!target || typeof target !== 'object' || Array.isArray(target))
      throw new Error(`${fix.issue}: ${fix.schema}/${fix.path.join('/')} is gone`);
    const obj: Obj = target;
    if (Object.entries(fix.set).every(([k, v]) => JSON.stringify(obj[k]) === JSON.stringify(v))) {
      throw new Error(`${fix.issue}: ${fix.schema}/${fix.path.join('/')} is already fixed in the description; drop the patch`);
    }
    Object.assign(obj, fix.set);
  }
  return schemas;
}

/** OpenAPI keywords without a JSON Schema meaning here. */
const DROP = new Set(['example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'externalDocs', 'xml', 'discriminator']);
const ROOT = 'github';

/** One OpenAPI 3.0 schema object as JSON Schema draft-07 (recursively). */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Obj = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROP.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      const name = /^#\/components\/schemas\/(.+)$/.exec(value)?.[1];
      if (!name) throw new Error(`unexpected $ref ${value}`);
      out.$ref = `${ROOT}#/definitions/${name}`;
    } else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      // Property names are not keywords: convert the values only.
      out.properties = Object.fromEntries(Object.entries(value).map(([n, s]) => [n, toJsonSchema(s)]));
    } else if (key === 'enum' || key === 'required' || key === 'default') {
      out[key] = value;
    } else out[key] = toJsonSchema(value);
  }
  // An OpenAPI schema with properties but no type (repository-rule-ruleset-info, mixed into the rules
  // with allOf) describes an object; Ajv's strict mode wants that said.
  if (
    out.properties !== undefined &&
    out.type === undefined &&
    out.allOf === undefined &&
    out.anyOf === undefined &&
    out.oneOf === undefined
  )
    out.type = 'object';
  if (schema.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (out.type === undefined) {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface Validator {
  /** Ajv errors of `body` against the documented response `status` of `operation` ("GET /path"), as readable lines. */
  body(operation: string, status: number, body: unknown): string[];
  /** Documented response headers of `operation`/`status` whose value does not match their schema. */
  headers(operation: string, status: number, headers: Headers | Record<string, string | number | undefined>): string[];
  documented(operation: string, status: number): SubsetResponse | undefined;
}

function pointer(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const part of path.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

/**
 * Ajv errors as lines "<instance path> <message> (schema …; value …)"; the same error in many items
 * of a list is reported once, with the number of further items ("/0/user/url … and 12 more like it").
 */
function explain(errors: ErrorObject[] | null | undefined, body: unknown): string[] {
  const groups = new Map<string, { line: string; more: number }>();
  for (const e of errors ?? []) {
    const shape = `${e.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')} ${e.message} ${e.schemaPath}`;
    const group = groups.get(shape);
    if (group) {
      group.more++;
      continue;
    }
    const value = JSON.stringify(pointer(body, e.instancePath)) ?? 'undefined';
    const params = e.keyword === 'additionalProperties' ? ` ${JSON.stringify(e.params)}` : '';
    groups.set(shape, {
      line: `${e.instancePath || '/'} ${e.message}${params} (schema ${e.schemaPath}; value ${value.slice(0, 100)})`,
      more: 0
    });
  }
  return [...groups.values()].map((g) => (g.more ? `${g.line} and ${g.more} more like it` : g.line));
}

export function createValidator(subset: Subset = loadSubset()): Validator {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // components/headers/x-rate-limit-reset: epoch seconds.
  ajv.addFormat('timestamp', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  const definitions = Object.fromEntries(Object.entries(correctedSchemas(subset)).map(([n, s]) => [n, toJsonSchema(s)]));
  ajv.addSchema({ $id: ROOT, definitions });
  const compiled = new Map<string, ValidateFunction>();
  const documented = (operation: string, status: number) => subset.operations[operation]?.responses[String(status)];
  const validatorFor = (operation: string, status: number, what: 'schema' | `header:${string}`, schema: Obj) => {
    const key = `${operation} ${status} ${what}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(toJsonSchema(schema) as Obj);
      compiled.set(key, fn);
    }
    return fn;
  };
  return {
    documented,
    body(operation, status, body) {
      const res = documented(operation, status);
      if (!res) return [`${operation} does not document status ${status}`];
      if (!res.schema) return body === null || body === undefined || body === '' ? [] : [`${operation} ${status} documents no body`];
      const fn = validatorFor(operation, status, 'schema', res.schema);
      return fn(body) ? [] : explain(fn.errors, body);
    },
    headers(operation, status, headers) {
      const res = documented(operation, status);
      const get = (name: string) =>
        headers instanceof Headers ? headers.get(name) : ((headers as Record<string, string | number | undefined>)[name] ?? null);
      const problems: string[] = [];
      for (const [name, { schema }] of Object.entries(res?.headers ?? {})) {
        const raw = get(name);
        if (raw === null || raw === undefined) continue;
        const type = schema.type;
        const value = type === 'integer' || type === 'number' ? Number(raw) : String(raw);
        const fn = validatorFor(operation, status, `header:${name}`, schema);
        if (!fn(value) || (typeof value === 'number' && Number.isNaN(value)))
          problems.push(`header ${name}: ${JSON.stringify(raw)} is not ${type}`);
      }
      return problems;
    }
  };
}
