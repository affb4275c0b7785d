/**
 * Validating SPDX license expressions (https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/)
 * against the SPDX License List: the grammar is checked by spdx-expression-parse, the ids by the
 * lists of spdx-license-ids (current and deprecated ids) and spdx-exceptions.
 *
 * The SPDX specification says that license and exception ids are matched case-insensitively
 * ("mit" is MIT), and so does the reference parser of publiccode.yml (github/go-spdx); operators may
 * be written in any case too. An expression is therefore first rewritten into SPDX spelling and then
 * parsed. `LicenseRef-…` and `DocumentRef-…:LicenseRef-…` are valid as they stand.
 */
import parseSpdx from 'spdx-expression-parse';
import correctSpdx from 'spdx-correct';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const LICENSE_IDS: readonly string[] = require('spdx-license-ids/index.json');
const DEPRECATED_IDS: readonly string[] = require('spdx-license-ids/deprecated.json');
const EXCEPTION_IDS: readonly string[] = require('spdx-exceptions/index.json');

let byLower: Map<string, string> | null = null;

/** Every SPDX license and exception id (current and deprecated), by its lowercase form. */
function idsByLowercase(): Map<string, string> {
  if (!byLower) {
    byLower = new Map();
    for (const id of [...LICENSE_IDS, ...DEPRECATED_IDS, ...EXCEPTION_IDS]) byLower.set(id.toLowerCase(), id);
  }
  return byLower;
}

/** Whether `id` is a current (not deprecated) SPDX license id, in SPDX spelling. */
export function isCurrentSpdxId(id: string): boolean {
  return LICENSE_IDS.includes(id);
}

export type SpdxCheck = { ok: true; expression: string } | { ok: false; error: string };

/** Rewrites ids and operators into SPDX spelling; tokens that are not ids are left as they are. */
function spell(text: string): string {
  const ids = idsByLowercase();
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[A-Za-z0-9.+:-]+/g, (token) => {
      const upper = token.toUpperCase();
      if (upper === 'AND' || upper === 'OR' || upper === 'WITH') return upper;
      const plus = token.endsWith('+') ? '+' : '';
      const bare = plus ? token.slice(0, -1) : token;
      const known = ids.get(bare.toLowerCase());
      if (known) return known + plus;
      if (/^licenseref-/i.test(bare)) return `LicenseRef-${bare.slice('licenseref-'.length)}${plus}`;
      return token;
    });
}

/**
 * Checks an SPDX expression. On success gives it in SPDX spelling ("mit or apache-2.0" → "MIT OR
 * Apache-2.0"); on failure a German reason, with a suggestion when spdx-correct finds an id that the
 * text spells out ("Apache License 2.0" → Apache-2.0) — never a guess at a different licence.
 */
export function checkSpdxExpression(text: string): SpdxCheck {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, error: 'leerer Lizenzausdruck' };
  const spelled = spell(text);
  try {
    parseSpdx(spelled);
    return { ok: true, expression: spelled };
  } catch {
    const suggestion = suggest(text);
    return {
      ok: false,
      error: `„${text.length > 60 ? `${text.slice(0, 57)}…` : text}“ ist kein gültiger SPDX-Lizenzausdruck (siehe https://spdx.org/licenses)${
        suggestion ? `; gemeint ist vielleicht „${suggestion}“` : ''
      }`
    };
  }
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** spdx-correct's id, only when every id of it is spelled out in the text (no look-alike licences). */
function suggest(text: string): string | null {
  let corrected: string | null = null;
  try {
    corrected = correctSpdx(text, { upgrade: false });
  } catch {
    return null;
  }
  if (!corrected) return null;
  const have = squash(text).replace(/licen[cs]e|version/g, '');
  const ids = corrected.split(/\s+(?:AND|OR|WITH)\s+|[()]/).filter(Boolean);
  const spelledOut = ids.every((id) => have.includes(squash(id).replace(/licen[cs]e|version/g, '')));
  return spelledOut ? corrected : null;
}
