/**
 * Reading publiccode.yml (DESIGN §4): the fields allmende uses, validated as the standard's
 * reference parser (italia/publiccode-parser-go, v0 structure and validators) validates them:
 *  - publiccodeYmlVersion: every version the reference parser accepts ("0" — the current
 *    recommendation —, 0.2, 0.2.0–0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, 0.5, 0.5.0, 0.7, 0.7.0). Any other
 *    0.x from 0.2 on (a newer minor version, say 0.8) is read by the same rules with a notice, since
 *    the fields allmende uses are those of major version 0; other majors ("1") are refused.
 *  - name, url (a URL with a scheme), isBasedOn (one URL or a list of URLs), usedBy (a list),
 *    developmentStatus, softwareType (the standard's values);
 *  - legal.license: a valid SPDX expression (ids case-insensitive, kept in SPDX spelling);
 *  - maintenance.type; contractors required with type "contract" and not allowed with any other
 *    type, each with name, until (a real date YYYY-MM-DD), optional email and http(s) website;
 *    contacts required with "internal" and "community", each with a name and optional email;
 *  - organisation: uri a URL with host or a URN. One deviation, deliberate: an organisation given
 *    by name only (no uri) is read with a notice, as the name is what allmende matches.
 * Fields allmende does not read (description, logo, localisation, country sections …) are not
 * validated: a broken description must not hide a valid licence.
 *
 * A broken file gives German reasons naming the field and its line, never an exception: YAML syntax
 * errors with their line, text that is not UTF-8, alias bombs (alias expansion is limited), files
 * over 1 MB and binary input are refused before or while parsing.
 *
 * Privacy: of maintenance.contacts only the names (and affiliations) are kept; emails and phone
 * numbers are checked for form, then dropped here and never reach the database.
 *
 * Country sections (two-letter keys such as `it:` or `de:`) are kept as they are under
 * `countrySections`; `de` is also offered directly.
 */
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { checkSpdxExpression } from '../licence/spdx';

export const PUBLICCODE_MAX_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 50;

/** The versions the reference parser accepts (publiccode.go, SupportedVersions). */
export const SUPPORTED_VERSIONS = [
  '0',
  '0.2',
  '0.2.0',
  '0.2.1',
  '0.2.2',
  '0.3',
  '0.3.0',
  '0.4',
  '0.4.0',
  '0.5.0',
  '0.5',
  '0.7.0',
  '0.7'
] as const;

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

/**
 * A URL as the reference parser's `url` validator takes it: a scheme and a host (or an opaque part,
 * as in `mailto:`). "foobar" and "git@host:a/b" are not URLs.
 */
export function isUrl(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return false;
  try {
    const u = new URL(value);
    return u.host !== '' || u.pathname !== '' || u.hash !== '';
  } catch {
    return false;
  }
}

/** An http(s) URL with a host (the reference parser's `url_http_url`). */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** RFC 2141 URN syntax, as go-playground's `urn_rfc2141`. */
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:(?:[a-z0-9()+,\-.:=@;$_!*'/?#]|%[0-9a-f]{2})+$/i;

/**
 * The reference parser's `organisation_uri`: an absolute URI with a host, or a URN. (Italian iPA
 * codes, `urn:x-italian-pa:…`, are checked there against the Italian registry; here only their form.)
 */
export function isOrganisationUri(value: string): boolean {
  if (/^urn:/i.test(value)) return URN.test(value);
  try {
    const u = new URL(value);
    return u.host !== '';
  } catch {
    return false;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const url = text.refine(isUrl, 'erwartet eine URL (z. B. https://…)');
const httpUrl = text.refine(isHttpUrl, 'erwartet eine http(s)-URL');
const email = text.refine((v) => EMAIL.test(v), 'erwartet eine E-Mail-Adresse');

/** A real calendar date YYYY-MM-DD (the reference parser: Go's time.Parse with 2006-01-02). */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A date as YAML gives it (text "2025-12-31"), kept as ISO text. */
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .pipe(z.string().refine(isCalendarDate, 'erwartet ein Datum JJJJ-MM-TT'));

const contractor = z
  .object({
    name: text,
    until: isoDate,
    email: email.optional(),
    website: httpUrl.optional()
  })
  .transform(({ name, until, website }) => ({ name, until, ...(website !== undefined ? { website } : {}) }));

const contractorList = z.array(contractor);

/** Only the name (and affiliation) of a contact: email and phone are personal data we do not keep. */
const contact = z
  .object({
    name: text,
    email: email.optional(),
    affiliation: z.string().trim().optional(),
    phone: z.union([z.string(), z.number()]).optional()
  })
  .transform(({ name, affiliation }) => ({ name, ...(affiliation !== undefined ? { affiliation } : {}) }));

const section = z.record(z.string(), z.unknown());

export const publiccodeSchema = z
  .object({
    /** Checked and normalised before the schema runs (see readVersion). */
    publiccodeYmlVersion: z.string(),
    name: text,
    url,
    isBasedOn: z
      .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(url))
      .optional()
      .transform((v) => v ?? []),
    usedBy: textList.optional().transform((v) => v ?? []),
    developmentStatus: z.enum(DEVELOPMENT_STATUSES),
    softwareType: z.enum(SOFTWARE_TYPES),
    legal: z.object({
      license: z
        .string()
        .trim()
        .min(1, 'darf nicht leer sein')
        .transform((v, ctx) => {
          const check = checkSpdxExpression(v);
          if (check.ok) return check.expression;
          ctx.addIssue({ code: 'custom', message: check.error });
          return z.NEVER;
        }),
      mainCopyrightOwner: text.optional(),
      repoOwner: text.optional()
    }),
    maintenance: z.object({
      type: z.enum(MAINTENANCE_TYPES),
      /** Validated in superRefine: only with type "contract" (the standard's excluded_unless). */
      contractors: z.unknown().optional(),
      contacts: z
        .array(contact)
        .optional()
        .transform((v) => v ?? [])
    }),
    /** The organisation publishing the software (publiccodeYmlVersion 0.4 and later). */
    organisation: z
      .object({
        uri: text.refine(isOrganisationUri, 'erwartet eine URI mit Host (https://…) oder eine URN (urn:…)').optional(),
        name: text.optional()
      })
      .refine((o) => o.uri !== undefined || o.name !== undefined, { message: 'braucht uri (und name)' })
      .optional(),
    de: section.optional(),
    countrySections: z.record(z.string(), section).default({})
  })
  .superRefine((data, ctx) => {
    // The standard makes these conditional on maintenance.type (required_if / excluded_unless).
    const type = data.maintenance.type;
    const contractors = data.maintenance.contractors;
    if (type === 'contract' && contractors !== undefined) {
      const checked = contractorList.safeParse(contractors);
      if (!checked.success) {
        for (const issue of checked.error.issues) ctx.addIssue({ ...issue, path: ['maintenance', 'contractors', ...issue.path] } as never);
      }
    }
    if (type === 'contract' && (contractors === undefined || (Array.isArray(contractors) && contractors.length === 0))) {
      ctx.addIssue({ code: 'custom', path: ['maintenance', 'contractors'], message: 'fehlt (Pflicht bei maintenance.type „contract“)' });
    }
    if (type !== 'contract' && contractors !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenance', 'contractors'],
        message: `ist nur bei maintenance.type „contract“ erlaubt, nicht bei „${type}“`
      });
    }
    if ((type === 'internal' || type === 'community') && data.maintenance.contacts.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenance', 'contacts'],
        message: `fehlt (Pflicht bei maintenance.type „${type}“)`
      });
    }
  })
  .transform((data) => ({
    ...data,
    maintenance: {
      ...data.maintenance,
      contractors: data.maintenance.type === 'contract' ? contractorList.parse(data.maintenance.contractors) : []
    }
  }));

export type Publiccode = z.output<typeof publiccodeSchema>;

/** `notices`: what was read despite a deviation from the standard (an unknown newer version …). */
export type PubliccodeResult = { ok: true; data: Publiccode; notices: string[] } | { ok: false; error: string };

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

interface Place {
  line: number;
  /** The field the line belongs to: the field itself, or its nearest parent when it is missing. */
  path: PropertyKey[];
}

/** Where the value at `path` is (1-based line), or its nearest parent that exists; null for the root. */
function placeOf(doc: Document, lines: LineCounter, path: PropertyKey[]): Place | null {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return { line: lines.linePos(node.range[0]).line, path: path.slice(0, n) };
  }
  return null;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, place: Place | null): string {
  const field = fieldPath(issue.path);
  const found = valueAt(data, issue.path);
  const exact = place !== null && place.path.length === issue.path.length;
  // A value that YAML has but the schema reshaped (isBasedOn: "x" read as a list) is at its parent's line.
  const at = place ? ` (Zeile ${place.line})` : '';
  // A missing field: the line of the section it is missing from.
  const within = place && !exact ? ` (in ${fieldPath(place.path)}, Zeile ${place.line})` : '';
  if (found === undefined && issue.code !== 'custom') return `${field} fehlt${within}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${field}${at}: erwartet ${GERMAN_TYPES[issue.expected] ?? issue.expected}, gefunden ${describeFound(found)}`;
    case 'invalid_value':
      return `${field}${at}: ${describeFound(found)} ist nicht zulässig (erlaubt: ${issue.values.map(String).join(', ')})`;
    case 'invalid_union':
      return `${field}${at}: erwartet Text oder eine Liste von Texten, gefunden ${describeFound(found)}`;
    case 'too_small':
      return `${field}${at}: darf nicht leer sein`;
    case 'custom':
      if (issue.message.startsWith('fehlt')) return `${field} ${issue.message}${within}`;
      // A message that quotes the value itself (the SPDX check) needs no "gefunden".
      return issue.message.includes('„') || found === undefined || (found !== null && typeof found === 'object')
        ? `${field}${at}: ${issue.message}`
        : `${field}${at}: ${issue.message}, gefunden ${describeFound(found)}`;
    case 'invalid_format':
      return `${field}${at}: ${issue.message}, gefunden ${describeFound(found)}`;
    default:
      return `${field}${at}: ${issue.message}`;
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

type VersionCheck = { ok: true; version: string; notice?: string } | { ok: false; error: string };

/** publiccodeYmlVersion: a text (a YAML number such as 0.4 is read as its text). */
function readVersion(value: unknown, place: Place | null): VersionCheck {
  const at = place === null ? '' : ` (Zeile ${place.line})`;
  if (value === undefined || value === null) return { ok: false, error: 'publiccodeYmlVersion fehlt' };
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { ok: false, error: `publiccodeYmlVersion${at}: erwartet Text wie "0", gefunden ${describeFound(value)}` };
  }
  const version = String(value).trim();
  if ((SUPPORTED_VERSIONS as readonly string[]).includes(version)) return { ok: true, version };
  const minor = /^0\.(\d+)(?:\.\d+)?$/.exec(version);
  if (minor && Number(minor[1]) >= 2) {
    return {
      ok: true,
      version,
      notice: `publiccodeYmlVersion${at}: Version „${version}“ ist unbekannt (bekannt: ${SUPPORTED_VERSIONS.join(', ')}); die von allmende genutzten Felder wurden nach Version 0 gelesen`
    };
  }
  return {
    ok: false,
    error: `publiccodeYmlVersion${at}: Version ${describeFound(version)} wird nicht unterstützt (unterstützt: ${SUPPORTED_VERSIONS.join(', ')}; empfohlen: "0")`
  };
}

/** Drops follow-up issues of a field whose type is already wrong ("darf nicht leer sein" after "erwartet Text"). */
function relevantIssues(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => fieldPath(i.path)));
  return issues.filter((i) => i.code === 'invalid_type' || !wrongType.has(fieldPath(i.path)));
}

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
  // Bytes that are not UTF-8 arrive as U+FFFD; the standard requires UTF-8 (the reference parser refuses them).
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    return { ok: false, error: `Zeichenkodierung in Zeile ${line}: die Datei ist nicht UTF-8-kodiert` };
  }

  let raw: unknown;
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, {
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
  const version = readVersion(record.publiccodeYmlVersion, placeOf(doc, lines, ['publiccodeYmlVersion']));
  const countrySections: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (COUNTRY_KEY.test(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) countrySections[key] = value;
  }
  const prepared = { ...record, publiccodeYmlVersion: version.ok ? version.version : '', countrySections };

  const parsed = publiccodeSchema.safeParse(prepared);
  const problems = [
    ...(version.ok ? [] : [version.error]),
    ...(parsed.success
      ? []
      : relevantIssues(parsed.error.issues).map((issue) => describeIssue(issue, prepared, placeOf(doc, lines, issue.path))))
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, error: [...new Set(problems)].join('; ') };

  const notices: string[] = [];
  if (version.ok && version.notice) notices.push(version.notice);
  if (parsed.data.organisation && parsed.data.organisation.uri === undefined) {
    notices.push(
      `organisation.uri fehlt (in organisation, Zeile ${placeOf(doc, lines, ['organisation'])?.line}): Pflicht laut Standard; gelesen wurde der Name`
    );
  }
  return { ok: true, data: parsed.data, notices };
}
