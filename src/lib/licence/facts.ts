/**
 * Facts about a licence given as an SPDX id or expression (DESIGN §6 "licence"): its name, whether
 * the OSI approved it and the FSF counts it as free (libre), and its copyleft class.
 *
 * Source of the table below:
 *  - names and the "OSI Approved" and "FSF Free/Libre" columns: the SPDX License List
 *    (https://spdx.org/licenses/, data in https://github.com/spdx/license-list-data, json/licenses.json,
 *    fields `name`, `isOsiApproved`, `isFsfLibre`);
 *  - copyleft class: strong = derivative works as a whole stay under the licence (GPL, AGPL, EUPL,
 *    OSL; the EUPL following the ifrOSS classification "strenge Copyleft-Klausel", https://ifross.github.io/ifrOSS/Lizenzcenter);
 *    weak = the copyleft is limited to the file or library (LGPL, MPL, EPL, CDDL, MS-PL, MS-RL);
 *    permissive = no copyleft (MIT, Apache, BSD, ISC, public-domain dedications, Datenlizenz Deutschland).
 *
 * GNU licences are accepted with every suffix SPDX has used: GPL-3.0, GPL-3.0-only, GPL-3.0-or-later,
 * GPL-3.0+ (all with the same facts). Ids are matched case-insensitively and returned in SPDX case.
 * Expressions combine facts: with OR the licensee may choose, so the most permissive option counts
 * and approval by any option suffices; with AND every licence applies, so the strongest copyleft
 * counts and every part must be approved. An unknown id gives null facts rather than a guess.
 */

import { createRequire } from 'node:module';
import type { CopyleftClass } from '../reports/types';

export type { CopyleftClass };

export interface LicenceFacts {
  /** The id or expression in SPDX spelling. */
  spdx: string;
  name: string;
  /** null: unknown licence. */
  osiApproved: boolean | null;
  fsfLibre: boolean | null;
  copyleft: CopyleftClass | null;
}

type Row = [id: string, name: string, osi: boolean, fsf: boolean, copyleft: CopyleftClass];

const TABLE: Row[] = [
  ['0BSD', 'BSD Zero Clause License', true, false, 'permissive'],
  ['AFL-3.0', 'Academic Free License v3.0', true, true, 'permissive'],
  ['Apache-1.1', 'Apache License 1.1', true, true, 'permissive'],
  ['Apache-2.0', 'Apache License 2.0', true, true, 'permissive'],
  ['BSD-1-Clause', 'BSD 1-Clause License', true, false, 'permissive'],
  ['BSD-2-Clause', 'BSD 2-Clause "Simplified" License', true, true, 'permissive'],
  ['BSD-2-Clause-Patent', 'BSD-2-Clause Plus Patent License', true, false, 'permissive'],
  ['BSD-3-Clause', 'BSD 3-Clause "New" or "Revised" License', true, true, 'permissive'],
  ['BSD-3-Clause-Clear', 'BSD 3-Clause Clear License', false, true, 'permissive'],
  ['BSD-4-Clause', 'BSD 4-Clause "Original" or "Old" License', false, true, 'permissive'],
  ['BSL-1.0', 'Boost Software License 1.0', true, true, 'permissive'],
  ['CC-BY-4.0', 'Creative Commons Attribution 4.0 International', false, true, 'permissive'],
  ['CC-BY-SA-4.0', 'Creative Commons Attribution Share Alike 4.0 International', false, true, 'strong'],
  ['CECILL-2.1', 'CeCILL Free Software License Agreement v2.1', true, false, 'strong'],
  ['CC0-1.0', 'Creative Commons Zero v1.0 Universal', false, true, 'permissive'],
  ['CDDL-1.0', 'Common Development and Distribution License 1.0', true, true, 'weak'],
  ['DL-DE-BY-2.0', 'Data licence Germany – attribution – version 2.0', false, false, 'permissive'],
  ['DL-DE-ZERO-2.0', 'Data licence Germany – zero – version 2.0', false, false, 'permissive'],
  ['EPL-1.0', 'Eclipse Public License 1.0', true, true, 'weak'],
  ['EPL-2.0', 'Eclipse Public License 2.0', true, true, 'weak'],
  ['EUPL-1.0', 'European Union Public License 1.0', false, false, 'strong'],
  ['EUPL-1.1', 'European Union Public License 1.1', true, true, 'strong'],
  ['EUPL-1.2', 'European Union Public License 1.2', true, true, 'strong'],
  ['ISC', 'ISC License', true, true, 'permissive'],
  ['MIT', 'MIT License', true, true, 'permissive'],
  ['MIT-0', 'MIT No Attribution', true, false, 'permissive'],
  ['MPL-1.1', 'Mozilla Public License 1.1', true, true, 'weak'],
  ['MPL-2.0', 'Mozilla Public License 2.0', true, true, 'weak'],
  ['MS-PL', 'Microsoft Public License', true, true, 'weak'],
  ['MS-RL', 'Microsoft Reciprocal License', true, true, 'weak'],
  ['OSL-3.0', 'Open Software License 3.0', true, true, 'strong'],
  ['PostgreSQL', 'PostgreSQL License', true, false, 'permissive'],
  ['Python-2.0', 'Python License 2.0', true, true, 'permissive'],
  ['Unlicense', 'The Unlicense', true, true, 'permissive'],
  ['UPL-1.0', 'Universal Permissive License v1.0', true, true, 'permissive'],
  ['WTFPL', 'Do What The F*ck You Want To Public License', false, true, 'permissive'],
  ['Zlib', 'zlib License', true, true, 'permissive']
];

/** GNU families: base id → name stem; suffixes "", "-only", "-or-later", "+". */
const GNU: [id: string, name: string, osi: boolean, fsf: boolean, copyleft: CopyleftClass][] = [
  ['GPL-1.0', 'GNU General Public License v1.0', false, false, 'strong'],
  ['GPL-2.0', 'GNU General Public License v2.0', true, true, 'strong'],
  ['GPL-3.0', 'GNU General Public License v3.0', true, true, 'strong'],
  ['AGPL-3.0', 'GNU Affero General Public License v3.0', true, true, 'strong'],
  ['LGPL-2.0', 'GNU Library General Public License v2', true, true, 'weak'],
  ['LGPL-2.1', 'GNU Lesser General Public License v2.1', true, true, 'weak'],
  ['LGPL-3.0', 'GNU Lesser General Public License v3.0', true, true, 'weak']
];

/** Exceptions that change the copyleft class of the licence they are attached to. */
const EXCEPTIONS: Record<string, { id: string; copyleft?: CopyleftClass }> = {
  'classpath-exception-2.0': { id: 'Classpath-exception-2.0', copyleft: 'weak' },
  'llvm-exception': { id: 'LLVM-exception' },
  'gcc-exception-3.1': { id: 'GCC-exception-3.1', copyleft: 'weak' },
  'linux-syscall-note': { id: 'Linux-syscall-note' },
  'openssl-exception': { id: 'OpenSSL-exception' },
  'autoconf-exception-3.0': { id: 'Autoconf-exception-3.0' },
  'bison-exception-2.2': { id: 'Bison-exception-2.2' },
  'font-exception-2.0': { id: 'Font-exception-2.0' },
  'universal-foss-exception-1.0': { id: 'Universal-FOSS-exception-1.0' }
};

const SIMPLE = new Map(TABLE.map((row) => [row[0].toLowerCase(), row]));
const GNU_BY_ID = new Map(GNU.map((row) => [row[0].toLowerCase(), row]));

const require = createRequire(import.meta.url);
let spdxList: Record<string, { name: string; osiApproved: boolean }> | null = null;

/** Name and OSI approval of any SPDX id from the SPDX License List (npm spdx-license-list). */
function fromSpdxList(id: string): { id: string; name: string; osiApproved: boolean } | null {
  spdxList ??= require('spdx-license-list') as Record<string, { name: string; osiApproved: boolean }>;
  const key = Object.prototype.hasOwnProperty.call(spdxList, id)
    ? id
    : Object.keys(spdxList).find((k) => k.toLowerCase() === id.toLowerCase());
  return key ? { id: key, name: spdxList[key].name, osiApproved: spdxList[key].osiApproved } : null;
}

/**
 * allmende's own LicenseRef ids (detect.ts): `LicenseRef-allmende-<GNU id>-unspecified` (a GNU text
 * that does not say -only or -or-later: the family's facts), `LicenseRef-allmende-modified-<id>` (a
 * licence text with changed conditions: no approval, copyleft unknown) and `LicenseRef-allmende-other`
 * (a licence file naming no known licence); each may end with `--<file>`, the file it was read from.
 */
function allmendeRefFacts(id: string): LicenceFacts | null {
  const m = /^LicenseRef-allmende-(.+?)(?:--(.+))?$/i.exec(id);
  if (!m) return null;
  const [, what, file] = m;
  const inFile = file ? `, Datei ${file}` : '';
  const unspecified = /^(.*)-unspecified$/.exec(what);
  if (unspecified) {
    const base = idFacts(unspecified[1]);
    return { ...base, spdx: id, name: `${base.name} (ob „only“ oder „or later“, sagt der Lizenztext allein nicht${inFile})` };
  }
  const modified = /^modified-(.+)$/.exec(what);
  if (modified) {
    const base = idFacts(modified[1]);
    return {
      spdx: id,
      name: `abgewandelte Fassung von ${base.name} (geänderte Bedingungen${inFile})`,
      osiApproved: false,
      fsfLibre: null,
      copyleft: null
    };
  }
  if (what === 'other')
    return { spdx: id, name: `andere Lizenz (nicht erkannt${inFile})`, osiApproved: null, fsfLibre: null, copyleft: null };
  return null;
}

/** Facts of one licence id (no operators), or null facts for an unknown id. */
function idFacts(raw: string): LicenceFacts {
  const id = raw.trim();
  const lower = id.toLowerCase();
  const own = allmendeRefFacts(id);
  if (own) return own;
  const simple = SIMPLE.get(lower) ?? SIMPLE.get(lower.replace(/\+$/, ''));
  if (simple) {
    const plus = lower.endsWith('+') && !SIMPLE.has(lower) ? '+' : '';
    return {
      spdx: simple[0] + plus,
      name: simple[1] + (plus ? ' or later' : ''),
      osiApproved: simple[2],
      fsfLibre: simple[3],
      copyleft: simple[4]
    };
  }
  const gnu = /^(.*?)(-only|-or-later|\+)?$/i.exec(lower);
  const base = gnu ? (GNU_BY_ID.get(gnu[1]) ?? GNU_BY_ID.get(`${gnu[1]}.0`)) : undefined;
  if (gnu && base) {
    const suffix = (gnu[2] ?? '').toLowerCase();
    const spdx = base[0] + (suffix === '+' ? '-or-later' : suffix);
    const name = base[1] + (suffix === '-only' ? ' only' : suffix ? ' or later' : '');
    return { spdx, name, osiApproved: base[2], fsfLibre: base[3], copyleft: base[4] };
  }
  const listed = /^licenseref-/i.test(id) ? null : fromSpdxList(id);
  if (listed) return { spdx: listed.id, name: listed.name, osiApproved: listed.osiApproved ? true : null, fsfLibre: null, copyleft: null };
  return { spdx: id, name: id, osiApproved: null, fsfLibre: null, copyleft: null };
}

// ─── SPDX expressions ──────────────────────────────────────────────────────────────────────────

export type SpdxExpression =
  { kind: 'id'; id: string } | { kind: 'with'; id: string; exception: string } | { kind: 'and' | 'or'; parts: SpdxExpression[] };

function tokenize(text: string): string[] | null {
  const tokens = text
    .replace(/\(/g, ' ( ')
    .replace(/\)/g, ' ) ')
    .replace(/\s+\/\s+|\//g, ' OR ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return tokens.every((t) => /^[A-Za-z0-9.+:_-]+$|^[()]$/.test(t)) ? tokens : null;
}

/** Parses an SPDX license expression (precedence WITH > AND > OR); null when malformed. */
export function parseSpdxExpression(text: string): SpdxExpression | null {
  const parsed = tokenize(text);
  if (!parsed || parsed.length === 0) return null;
  const tokens: string[] = parsed;
  let pos = 0;
  const peek = () => tokens[pos]?.toUpperCase();
  const isOperator = (t: string | undefined) => t === 'AND' || t === 'OR' || t === 'WITH';

  function primary(): SpdxExpression | null {
    const token = tokens[pos];
    if (token === undefined) return null;
    if (token === '(') {
      pos++;
      const inner = or();
      if (!inner || tokens[pos] !== ')') return null;
      pos++;
      return inner;
    }
    if (token === ')' || isOperator(token.toUpperCase())) return null;
    pos++;
    if (peek() === 'WITH') {
      pos++;
      const exception = tokens[pos];
      if (!exception || exception === '(' || exception === ')' || isOperator(exception.toUpperCase())) return null;
      pos++;
      return { kind: 'with', id: token, exception };
    }
    return { kind: 'id', id: token };
  }
  function and(): SpdxExpression | null {
    const parts: SpdxExpression[] = [];
    let part = primary();
    if (!part) return null;
    parts.push(part);
    while (peek() === 'AND') {
      pos++;
      part = primary();
      if (!part) return null;
      parts.push(part);
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts };
  }
  function or(): SpdxExpression | null {
    const parts: SpdxExpression[] = [];
    let part = and();
    if (!part) return null;
    parts.push(part);
    while (peek() === 'OR') {
      pos++;
      part = and();
      if (!part) return null;
      parts.push(part);
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  }
  const expr = or();
  return expr && pos === tokens.length ? expr : null;
}

const RANK: Record<CopyleftClass, number> = { permissive: 0, weak: 1, strong: 2 };

function anyOf(values: (boolean | null)[]): boolean | null {
  if (values.includes(true)) return true;
  return values.includes(null) ? null : false;
}

function allOf(values: (boolean | null)[]): boolean | null {
  if (values.includes(false)) return false;
  return values.includes(null) ? null : true;
}

function combineCopyleft(values: (CopyleftClass | null)[], op: 'and' | 'or'): CopyleftClass | null {
  const known = values.filter((v): v is CopyleftClass => v !== null);
  if (known.length === 0) return null;
  const sorted = [...known].sort((a, b) => RANK[a] - RANK[b]);
  if (op === 'or') {
    // Choosing the most permissive option is always possible; an unknown option might be more permissive.
    return sorted[0] === 'permissive' || known.length === values.length ? sorted[0] : null;
  }
  const strongest = sorted[sorted.length - 1];
  return strongest === 'strong' || known.length === values.length ? strongest : null;
}

function evaluate(expr: SpdxExpression, nested: boolean): LicenceFacts {
  switch (expr.kind) {
    case 'id':
      return idFacts(expr.id);
    case 'with': {
      const base = idFacts(expr.id);
      const exception = EXCEPTIONS[expr.exception.toLowerCase()];
      const exceptionId = exception?.id ?? expr.exception;
      return {
        ...base,
        spdx: `${base.spdx} WITH ${exceptionId}`,
        name: `${base.name} mit Ausnahme ${exceptionId}`,
        copyleft:
          exception?.copyleft && base.copyleft && RANK[exception.copyleft] < RANK[base.copyleft] ? exception.copyleft : base.copyleft
      };
    }
    case 'and':
    case 'or': {
      const parts = expr.parts.map((p) => evaluate(p, true));
      const joiner = expr.kind === 'and' ? ' AND ' : ' OR ';
      const spdx = parts.map((p) => p.spdx).join(joiner);
      const combine = expr.kind === 'and' ? allOf : anyOf;
      return {
        spdx: nested ? `(${spdx})` : spdx,
        name: parts.map((p) => p.name).join(expr.kind === 'and' ? ' und ' : ' oder '),
        osiApproved: combine(parts.map((p) => p.osiApproved)),
        fsfLibre: combine(parts.map((p) => p.fsfLibre)),
        copyleft: combineCopyleft(
          parts.map((p) => p.copyleft),
          expr.kind
        )
      };
    }
  }
}

const NO_LICENCE = new Set(['', 'noassertion', 'none', 'other', 'unknown', 'unlicensed', 'proprietary']);

/**
 * Facts of an SPDX id or expression ("MIT", "GPL-3.0-or-later", "MIT OR Apache-2.0",
 * "GPL-2.0-only WITH Classpath-exception-2.0"). null for no licence (empty, NOASSERTION, NONE,
 * GitHub's "other") and for text that is not an expression.
 */
export function licenceFacts(spdx: string | null | undefined): LicenceFacts | null {
  if (spdx == null) return null;
  const text = spdx.trim();
  if (NO_LICENCE.has(text.toLowerCase())) return null;
  const expr = parseSpdxExpression(text);
  return expr ? evaluate(expr, false) : null;
}

/** The SPDX spelling of an id or expression, or null when it is none. */
export function canonicalSpdx(spdx: string): string | null {
  return licenceFacts(spdx)?.spdx ?? null;
}

/** The expression without allmende's file suffix ("LicenseRef-allmende-other--COPYING" → "LicenseRef-allmende-other"). */
function withoutFile(spdx: string): string {
  return spdx.replace(/(LicenseRef-allmende-[A-Za-z0-9.-]+?)--[A-Za-z0-9.-]+/g, '$1');
}

/**
 * Whether two detected licences are the same licence, so that a new notice style is no licence
 * change: equal in SPDX spelling, or a GNU text without -only/-or-later and a notice that says
 * which (LicenseRef-allmende-GPL-3.0-unspecified and GPL-3.0-or-later), or the deprecated plain id
 * and either suffix.
 */
export function sameLicence(a: string, b: string): boolean {
  const family = (s: string) =>
    withoutFile(canonicalSpdx(s) ?? s)
      .replace(/LicenseRef-allmende-((?:A|L)?GPL-\d\.\d)-unspecified/g, '$1')
      .replace(/\b((?:A|L)?GPL-\d\.\d)(?:-only|-or-later|\+)?/g, '$1');
  const x = withoutFile(canonicalSpdx(a) ?? a);
  const y = withoutFile(canonicalSpdx(b) ?? b);
  if (x === y) return true;
  const vague = (s: string) => /LicenseRef-allmende-(?:A|L)?GPL-\d\.\d-unspecified|\b(?:A|L)?GPL-\d\.\d(?![-.+\d])/.test(s);
  return (vague(x) || vague(y)) && family(x) === family(y);
}
