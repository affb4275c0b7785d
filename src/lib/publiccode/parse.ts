/**
 * Reading publiccode.yml (DESIGN §4): the fields allmende uses, validated with a zod schema for
 * publiccodeYmlVersion 0.2 to 0.4 (https://yml.publiccode.tools/). A broken file gives a German
 * reason naming the field, never an exception: YAML syntax errors with their line, alias bombs
 * (alias expansion is limited), files over 1 MB and binary input are refused before or while parsing.
 *
 * Privacy: of maintenance.contacts only the names (and affiliations) are kept; emails and phone
 * numbers are dropped here and never reach the database.
 *
 * Country sections (two-letter keys such as `it:` or `de:`) are kept as they are under
 * `countrySections`; `de` is also offered directly.
 */
import { isMap, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

export const PUBLICCODE_MAX_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 50;

export const DEVELOPMENT_STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete'] as const;
export const SOFTWARE_TYPES = [
  'standalone/mobile',
  'standalone/iot',
  'standalone/desktop',
  'standalone/web',
  'standalone/backend',
  'standalone/other',
  'addon',
  'library',
  'configurationFiles'
] as const;
export const MAINTENANCE_TYPES = ['internal', 'contract', 'community', 'none'] as const;

const text = z.string().trim().min(1, 'darf nicht leer sein');
const textList = z.array(text);

/** "0.2", "0.2.1", 0.3 (a YAML number), "0.4.0" … → "0.2", "0.2.1", "0.3", "0.4.0". */
const version = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^0\.[234](\.\d+)*$/, 'erwartet eine Version von 0.2 bis 0.4 (z. B. "0.4")'));

/** A date as YAML gives it (text "2025-12-31"), kept as ISO text. */
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'erwartet ein Datum JJJJ-MM-TT'));

const contractor = z.object({
  name: text,
  until: isoDate.optional(),
  website: z.string().trim().optional()
});

/** Only the name (and affiliation) of a contact: email and phone are personal data we do not keep. */
const contact = z.object({
  name: text,
  affiliation: z.string().trim().optional()
});

const section = z.record(z.string(), z.unknown());

export const publiccodeSchema = z
  .object({
    publiccodeYmlVersion: version,
    name: text,
    url: text,
    isBasedOn: z
      .union([text, textList])
      .optional()
      .transform((v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v)),
    usedBy: textList.optional().transform((v) => v ?? []),
    developmentStatus: z.enum(DEVELOPMENT_STATUSES),
    softwareType: z.enum(SOFTWARE_TYPES),
    legal: z.object({
      license: text,
      mainCopyrightOwner: text.optional(),
      repoOwner: text.optional()
    }),
    maintenance: z.object({
      type: z.enum(MAINTENANCE_TYPES),
      contractors: z
        .array(contractor)
        .optional()
        .transform((v) => v ?? []),
      contacts: z
        .array(contact)
        .optional()
        .transform((v) => v ?? [])
    }),
    /**
     * publiccodeYmlVersion 0.4: the organisation publishing the software. The standard makes `uri`
     * mandatory; files that give only the name are accepted, as the name is what allmende uses.
     */
    organisation: z
      .object({
        uri: text.optional(),
        name: text.optional()
      })
      .refine((o) => o.uri !== undefined || o.name !== undefined, { message: 'braucht uri oder name' })
      .optional(),
    de: section.optional(),
    countrySections: z.record(z.string(), section).default({})
  })
  .superRefine((data, ctx) => {
    // The standard makes these conditional on maintenance.type.
    if (data.maintenance.type === 'contract' && data.maintenance.contractors.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['maintenance', 'contractors'], message: 'fehlt (Pflicht bei maintenance.type „contract“)' });
    }
    if ((data.maintenance.type === 'internal' || data.maintenance.type === 'community') && data.maintenance.contacts.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenance', 'contacts'],
        message: `fehlt (Pflicht bei maintenance.type „${data.maintenance.type}“)`
      });
    }
  });

export type Publiccode = z.output<typeof publiccodeSchema>;

export type PubliccodeResult = { ok: true; data: Publiccode } | { ok: false; error: string };

const YAML_ERRORS: Record<string, string> = {
  BAD_INDENT: 'falsche Einrückung',
  TAB_AS_INDENT: 'Tabulator als Einrückung',
  DUPLICATE_KEY: 'Schlüssel doppelt',
  MULTIPLE_DOCS: 'mehrere YAML-Dokumente in einer Datei',
  BLOCK_AS_IMPLICIT_KEY: 'verschachtelte Zuordnung an unzulässiger Stelle',
  MISSING_CHAR: 'Zeichen fehlt',
  UNEXPECTED_TOKEN: 'unerwartetes Zeichen',
  BAD_ALIAS: 'ungültiger Alias',
  BAD_SCALAR_START: 'ungültiger Wertanfang',
  MULTILINE_IMPLICIT_KEY: 'Schlüssel über mehrere Zeilen',
  BAD_DIRECTIVE: 'ungültige Direktive',
  IMPOSSIBLE: 'unlesbar'
};

function describeFound(value: unknown): string {
  if (value === undefined) return 'nichts';
  if (value === null) return 'einen leeren Wert';
  // Never echo an email address: the message is stored and shown (DESIGN §5).
  if (typeof value === 'string' && /\S+@\S+\.\S+/.test(value)) return 'eine E-Mail-Adresse (nicht angezeigt)';
  if (typeof value === 'string') return `„${value.length > 40 ? `${value.slice(0, 37)}…` : value}“`;
  if (typeof value === 'number') return `die Zahl ${value}`;
  if (typeof value === 'boolean') return `den Wahrheitswert ${value}`;
  if (Array.isArray(value)) return 'eine Liste';
  return 'ein Objekt';
}

const GERMAN_TYPES: Record<string, string> = {
  string: 'Text',
  number: 'eine Zahl',
  boolean: 'true oder false',
  array: 'eine Liste',
  object: 'ein Objekt',
  record: 'ein Objekt',
  date: 'ein Datum'
};

function fieldPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'Datei';
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const field = fieldPath(issue.path);
  const found = valueAt(data, issue.path);
  if (found === undefined && issue.code !== 'custom') return `${field} fehlt`;
  switch (issue.code) {
    case 'invalid_type':
      return `${field}: erwartet ${GERMAN_TYPES[issue.expected] ?? issue.expected}, gefunden ${describeFound(found)}`;
    case 'invalid_value':
      return `${field}: ${describeFound(found)} ist nicht zulässig (erlaubt: ${issue.values.map(String).join(', ')})`;
    case 'invalid_union':
      return `${field}: erwartet Text oder eine Liste von Texten, gefunden ${describeFound(found)}`;
    case 'too_small':
      return `${field}: darf nicht leer sein`;
    case 'custom':
      return issue.message.startsWith('fehlt') ? `${field} ${issue.message}` : `${field}: ${issue.message}`;
    case 'invalid_format':
      return `${field}: ${issue.message}, gefunden ${describeFound(found)}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replacement++;
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) control++;
  }
  return control > 0.01 * text.length || replacement > Math.max(3, 0.01 * text.length);
}

const COUNTRY_KEY = /^[a-z]{2}$/;

/** Parses and validates a publiccode.yml text. Never throws. */
export function parsePubliccode(input: string): PubliccodeResult {
  if (typeof input !== 'string') return { ok: false, error: 'kein Text' };
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > PUBLICCODE_MAX_BYTES) {
    return { ok: false, error: `Datei zu groß (${Math.ceil(bytes / 1024)} kB, höchstens ${PUBLICCODE_MAX_BYTES / 1024} kB)` };
  }
  if (looksBinary(input)) return { ok: false, error: 'Binärdatei, kein YAML-Text' };
  const text = input.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, error: 'Datei ist leer' };

  let raw: unknown;
  try {
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      // Problems are returned as the result; nothing is printed to the console.
      logLevel: 'error'
    });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const pos = lines.linePos(e.pos[0]);
      const what = YAML_ERRORS[e.code] ?? 'Syntaxfehler';
      const more = doc.errors.length > 1 ? ` (und ${doc.errors.length - 1} weitere Fehler)` : '';
      return { ok: false, error: `ungültiges YAML in Zeile ${pos.line}, Spalte ${pos.col}: ${what} – ${e.message}${more}` };
    }
    if (!isMap(doc.contents)) {
      return { ok: false, error: 'erwartet ein YAML-Objekt mit Feldern wie publiccodeYmlVersion, name, url' };
    }
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return { ok: false, error: 'ungültiges YAML: zu viele Alias-Verweise (mögliche „YAML-Bombe“), Datei abgelehnt' };
    }
    return { ok: false, error: `ungültiges YAML: ${(error as Error).message}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: 'erwartet ein YAML-Objekt mit Feldern wie publiccodeYmlVersion, name, url' };
  }

  const record = raw as Record<string, unknown>;
  const countrySections: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (COUNTRY_KEY.test(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) countrySections[key] = value;
  }
  const prepared = { ...record, countrySections };

  const parsed = publiccodeSchema.safeParse(prepared);
  if (!parsed.success) {
    const messages = [...new Set(parsed.error.issues.map((issue) => describeIssue(issue, prepared)))];
    return { ok: false, error: messages.join('; ') };
  }
  return { ok: true, data: parsed.data };
}
