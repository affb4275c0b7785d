/**
 * The SPDX id of a licence file's text (LICENSE, COPYING, LICENCE.md …), by distinctive phrases of
 * the licence texts and of the usual short notices ("Licensed under the Apache License, Version
 * 2.0"), robust to line breaks, comment markers, Markdown and typographic quotes: text and phrases
 * are compared after reducing both to lowercase words separated by single spaces.
 *
 * Many licence texts mention other licences (the GPL-3.0 names the AGPL, the MPL-2.0 and the EUPL
 * list the GPL as compatible); the licence whose phrase comes first in the file wins, which is the
 * file's own title or notice.
 *
 * GNU licences: the full text cannot tell "-only" from "-or-later" (every GPL text contains the
 * "any later version" sample notice), so a full text gives the plain id ("GPL-3.0", as the forges
 * report it); a short notice gives "GPL-3.0-or-later" when it grants "any later version", else
 * "GPL-3.0-only". An `SPDX-License-Identifier:` line is taken as it stands.
 */
import { canonicalSpdx } from './facts';

/** Lowercase words (letters and digits of any script) separated by single spaces. */
export function normaliseLicenceText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Hit {
  id: string;
  at: number;
}

type Detector = (n: string) => Hit | null;

/** The first match of any of the patterns (written in normalised form, as regular expressions). */
function first(n: string, patterns: RegExp[]): number | null {
  let best: number | null = null;
  for (const p of patterns) {
    const m = p.exec(n);
    if (m && (best === null || m.index < best)) best = m.index;
  }
  return best;
}

function simple(id: string, ...patterns: RegExp[]): Detector {
  return (n) => {
    const at = first(n, patterns);
    return at === null ? null : { id, at };
  };
}

/** The titles of the full texts, with their dates: only a full text gives the plain id. */
const GNU_TITLES: [RegExp, string][] = [
  [/\bgnu affero general public license version 3 19 november 2007\b/, 'AGPL-3.0'],
  [/\bgnu lesser general public license version 3 29 june 2007\b/, 'LGPL-3.0'],
  [/\bgnu lesser general public license version 2 1 february 1999\b/, 'LGPL-2.1'],
  [/\bgnu library general public license version 2 june 1991\b/, 'LGPL-2.0'],
  [/\bgnu general public license version 3 29 june 2007\b/, 'GPL-3.0'],
  [/\bgnu general public license version 2 june 1991\b/, 'GPL-2.0'],
  [/\bgnu general public license version 1 february 1989\b/, 'GPL-1.0']
];

/** A notice naming a GNU licence and, within a few words, its version. */
const GNU_NOTICE = /\bgnu (affero |lesser |library )?general public licen[cs]e(?: \S+){0,10}? (?:version |v ?)(\d)(?: (\d))?\b/;
const GNU_ABBREVIATION = /\b(a|l)?gpl ?v?(\d)(?: (\d))?\b/;
const OR_LATER =
  /\b(?:any later version|or later|or newer|or any later|(?:jede[rnm]?|einer) sp(?:ä|ae)teren? version|oder sp(?:ä|ae)ter|oder neuer)\b/;

function gnuId(family: string | undefined, major: string, minor: string | undefined): string | null {
  switch ((family ?? '').trim()) {
    case 'affero':
    case 'a':
      return major === '3' ? 'AGPL-3.0' : null;
    case 'lesser':
    case 'library':
    case 'l':
      if (major === '3') return 'LGPL-3.0';
      if (major === '2') return minor === '1' || family?.trim() === 'lesser' ? 'LGPL-2.1' : 'LGPL-2.0';
      return null;
    default:
      return ['1', '2', '3'].includes(major) ? `GPL-${major}.0` : null;
  }
}

const gnu: Detector = (n) => {
  let best: Hit | null = null;
  for (const [pattern, id] of GNU_TITLES) {
    const m = pattern.exec(n);
    if (m && (!best || m.index < best.at)) best = { id, at: m.index };
  }
  for (const pattern of [GNU_NOTICE, GNU_ABBREVIATION]) {
    const m = pattern.exec(n);
    if (!m || (best && best.at <= m.index)) continue;
    const id = gnuId(m[1], m[2], m[3]);
    if (!id) continue;
    const window = n.slice(m.index, m.index + m[0].length + 120);
    best = { id: `${id}${OR_LATER.test(window) ? '-or-later' : '-only'}`, at: m.index };
  }
  return best;
};

const mit: Detector = (n) => {
  const grant = n.indexOf('permission is hereby granted free of charge to any person obtaining a copy');
  if (grant >= 0) {
    // MIT-0 drops the conditions; a text that keeps them (even cut short before the notice clause) is MIT.
    const conditions = /the above copyright notice and this permission notice shall be included|subject to the following conditions/.test(
      n
    );
    return { id: conditions && !/\bmit no attribution\b/.test(n) ? 'MIT' : 'MIT-0', at: grant };
  }
  const at = first(n, [/\b(?:the )?mit licen[cs]e\b/, /\blicensed under (?:the )?mit\b/, /\bmit lizenz\b/]);
  return at === null ? null : { id: 'MIT', at };
};

const isc: Detector = (n) => {
  const at = first(n, [
    /\bpermission to use copy modify and (?:or )?distribute this software for any purpose with or without fee is hereby granted\b/
  ]);
  if (at === null) return simple('ISC', /\bisc licen[cs]e\b/)(n);
  const notice = /provided that the above copyright notice and this permission notice appear in all copies/.test(n);
  return { id: notice ? 'ISC' : '0BSD', at };
};

const bsd: Detector = (n) => {
  const at = first(n, [/\bredistribution and use in source and binary forms with or without modification are permitted provided that\b/]);
  if (at === null) {
    const prose = /\bbsd ([234]) clause\b/.exec(n);
    return prose ? { id: `BSD-${prose[1]}-Clause`, at: prose.index } : null;
  }
  if (/all advertising materials mentioning features or use of this software/.test(n)) return { id: 'BSD-4-Clause', at };
  if (/\bendorse or promote products\b/.test(n)) return { id: 'BSD-3-Clause', at };
  return { id: 'BSD-2-Clause', at };
};

const DETECTORS: Detector[] = [
  simple(
    'EUPL-1.2',
    /\beuropean union public licen[cs]e (?:v ?|version )?1 2\b/,
    /\beupl (?:v ?|version )?1 2\b/,
    /\bopen source lizenz für die europäische union (?:v ?)?1 2\b/
  ),
  simple(
    'EUPL-1.1',
    /\beuropean union public licen[cs]e (?:v ?|version )?1 1\b/,
    /\beupl (?:v ?|version )?1 1\b/,
    /\bopen source lizenz für die europäische union (?:v ?)?1 1\b/
  ),
  simple('MPL-2.0', /\bmozilla public licen[cs]e (?:version |v ?)?2 0\b/),
  simple('MPL-1.1', /\bmozilla public licen[cs]e (?:version |v ?)?1 1\b/),
  simple('Apache-2.0', /\bapache licen[cs]e (?:version |v ?)?2 0\b/, /\bapache 2 0 licen[cs]e\b/),
  simple('Apache-1.1', /\bapache software license (?:version )?1 1\b/),
  gnu,
  mit,
  isc,
  bsd,
  simple('Unlicense', /\bthis is free and unencumbered software released into the public domain\b/),
  simple('CC0-1.0', /\bcc0 1 0 universal\b/, /\bcreative commons zero v ?1 0\b/),
  simple(
    'Zlib',
    /\baltered source versions must be plainly marked as such and must not be misrepresented as being the original software\b/
  ),
  simple('BSL-1.0', /\bboost software license (?:version )?1 0\b/),
  simple('EPL-2.0', /\beclipse public license (?:version |v )?2 0\b/),
  simple('EPL-1.0', /\beclipse public license (?:version |v )?1 0\b/),
  simple('WTFPL', /\bdo what the fuck you want to public license\b/),
  simple('DL-DE-BY-2.0', /\bdatenlizenz deutschland namensnennung version 2 0\b/, /\bdl de by 2 0\b/),
  simple('DL-DE-ZERO-2.0', /\bdatenlizenz deutschland zero version 2 0\b/, /\bdl de zero 2 0\b/)
];

const SPDX_HEADER = /SPDX-License-Identifier:\s*([^\n\r]*)/i;
const MAX_TEXT = 256 * 1024;

/** The SPDX id (or expression, from an SPDX-License-Identifier line) of a licence text, or null. */
export function detectLicence(text: string): string | null {
  if (!text || text.includes('\0')) return null;
  const head = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;

  const header = SPDX_HEADER.exec(head);
  if (header) {
    const expression = header[1].replace(/\*\/|-->|#}|%>/g, ' ').trim();
    const canonical = expression ? canonicalSpdx(expression) : null;
    if (canonical) return canonical;
  }

  const n = normaliseLicenceText(head);
  let best: Hit | null = null;
  for (const detect of DETECTORS) {
    const hit = detect(n);
    if (hit && (!best || hit.at < best.at)) best = hit;
  }
  return best?.id ?? null;
}
