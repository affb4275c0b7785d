/**
 * The SPDX expression of a licence file's text (LICENSE, COPYING, LICENCE.md, license.html …).
 *
 * 1. An `SPDX-License-Identifier:` line is taken as it stands (in SPDX spelling).
 * 2. Full texts are matched against the texts of the SPDX License List (npm spdx-license-list, every
 *    current id) after normalising both as the SPDX matching guidelines allow
 *    (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/): case,
 *    punctuation, whitespace and line breaks, quotes and dashes, Markdown/HTML markup, the
 *    copyright line and the licence's title line (a few 3-grams less), "http"/"https" and British/American spellings do not count.
 *    The comparison is over word 3-grams: the licence whose text is most contained in the file
 *    (≥ 90 % of its 3-grams) and most similar overall (Dice coefficient) wins, so BSD-3-Clause beats
 *    the BSD-2-Clause it contains and MIT-0 the MIT it is cut from.
 * 3. A text that is such a licence but adds conditions ("not for commercial use", a ban on app
 *    stores) is not that licence: it is `LicenseRef-allmende-modified-<id>` ("abgewandelt").
 * 4. Short notices and titles ("Licensed under the Apache License, Version 2.0", "GNU GENERAL PUBLIC
 *    LICENSE Version 3, 29 June 2007") are read by the phrases below, the first one in the file
 *    winning (a licence text often names other licences further down).
 *
 * GNU licences: the full text cannot tell "-only" from "-or-later" (every GPL text contains the
 * "any later version" sample notice), and a bare title or abbreviation ("GPLv3") does not say either;
 * then the result says so: `LicenseRef-allmende-GPL-3.0-unspecified`. A notice of the project itself
 * gives GPL-3.0-or-later when it grants "any later version", else GPL-3.0-only. Deprecated ids
 * ("GPL-3.0") are never returned.
 *
 * The reference index is built once, on first use (about 300 ms): the 3-grams of every reference in
 * one flat postings array behind an open-addressing hash table. A detection then reads the text in
 * one pass, counts the shared 3-grams of every reference in one pass over the text's 3-grams and
 * compares word by word only with the best match — about 1.5 ms for a 30 kB text (bench/licence.ts).
 */
import { createRequire } from 'node:module';
import { canonicalSpdx } from './facts';
import { tagValue } from './headers';
import { isCurrentSpdxId } from './spdx';

const require = createRequire(import.meta.url);

/** The id for a GNU licence whose text does not say -only or -or-later ("GPL-3.0" → LicenseRef-allmende-GPL-3.0-unspecified). */
export function unspecifiedGnu(base: string): string {
  return `LicenseRef-allmende-${base}-unspecified`;
}

/** The id for a text that is licence `id` with changed conditions. */
export function modifiedLicence(id: string): string {
  return `LicenseRef-allmende-modified-${id}`;
}

/**
 * The lowercase words of a text (runs of letters and digits of the Latin, Greek, Cyrillic and CJK
 * scripts; NFKC-normalised when the text is not plain ASCII), read in one pass over its characters.
 */
function normalisedWords(text: string): string[] {
  const lower = text.toLowerCase();
  // Plain ASCII (most licence files) needs neither Unicode normalisation nor the other scripts.
  const ascii = !/[^\x00-\x7f]/.test(lower);
  const s = ascii ? lower : lower.normalize('NFKC');
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const inWord =
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      (c >= 0xc0 && (c <= 0x24f || (c >= 0x370 && c <= 0x4ff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff)));
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(s.slice(start, i));
      start = -1;
    }
  }
  return words;
}

/** Lowercase words (letters and digits of the Latin, Greek, Cyrillic and CJK scripts) separated by single spaces. */
export function normaliseLicenceText(text: string): string {
  return normalisedWords(text).join(' ');
}

/** Spelling variants the SPDX matching guidelines treat as equal (equivalentwords.txt, a selection). */
const EQUIVALENT = new Map<string, string>(
  Object.entries({
    licence: 'license',
    licences: 'licenses',
    licenced: 'licensed',
    licensor: 'licensor',
    acknowledgement: 'acknowledgment',
    analyse: 'analyze',
    artefact: 'artifact',
    authorisation: 'authorization',
    authorised: 'authorized',
    catalogue: 'catalog',
    centre: 'center',
    favour: 'favor',
    fulfil: 'fulfill',
    fulfilment: 'fulfillment',
    judgement: 'judgment',
    labelling: 'labeling',
    labour: 'labor',
    offence: 'offense',
    organisation: 'organization',
    organisations: 'organizations',
    practise: 'practice',
    programme: 'program',
    realise: 'realize',
    recognise: 'recognize',
    utilisation: 'utilization',
    whilst: 'while',
    wilful: 'willful',
    https: 'http',
    sublicence: 'sublicense'
  })
);

/** Markup that is not part of a licence's words: HTML tags and entities, Markdown emphasis. */
function stripMarkup(text: string): string {
  let t = text;
  if (/<\/?(?:html|body|p|div|br|pre|h\d|a|li|ul|ol|span|strong|em|b|i)\b[^>]*>/i.test(t)) {
    t = t
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
  }
  return t;
}

/** Lines that only state copyright: left out of the reference texts, whose holders are placeholders. */
const COPYRIGHT_LINE = /^[\s*#/>-]*(?:copyright\b|©|\(c\)\s*(?:\d|<|\[))[^\n]*$/gim;

/** The normalised words of a text, as the matcher compares them. */
export function licenceWords(text: string): string[] {
  return equivalentWords(normalisedWords(stripMarkup(text)));
}

function equivalentWords(words: readonly string[]): string[] {
  return words.map((w) => EQUIVALENT.get(w) ?? w);
}

// ─── The reference index over the SPDX texts ─────────────────────────────────────────────────────

interface Reference {
  id: string;
  size: number;
  osi: boolean;
  /** Index of the first reference with the same normalised text (identical texts form a group). */
  group: number;
  /** The hashes of its first and fourth 3-gram (where a copy of it starts). */
  start: number;
  start2: number;
}

interface Index {
  refs: Reference[];
  /** 3-gram hash → the references containing it: refs[start[slot]] … refs[start[slot + 1] - 1], slot from `table`. */
  postings: { table: KeySet; start: Int32Array; refs: Int32Array };
  /** The distinct 3-gram hashes of each reference. */
  sets: Uint32Array[];
  /** The same as sets, made when a reference is first compared word by word. */
  tables: (KeySet | undefined)[];
}

/** Word → number, over the reference texts (built with the index). */
const vocabulary = new Map<string, number>();

/**
 * The words as numbers: reference words by the vocabulary, other words by a number of their own;
 * spelling variants (EQUIVALENT) as the word they stand for.
 */
function wordIds(words: readonly string[], grow: boolean): Int32Array {
  const ids = new Int32Array(words.length);
  const local = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let id = vocabulary.get(w);
    if (id === undefined) {
      if (grow) {
        id = vocabulary.size;
        vocabulary.set(w, id);
      } else {
        // A spelling variant of a word no reference has (the others are in the vocabulary).
        const word = EQUIVALENT.get(w) ?? w;
        id = local.get(word);
        if (id === undefined) local.set(word, (id = 0x4000000 + local.size));
      }
    }
    ids[i] = id;
  }
  return ids;
}

/** A 30-bit hash of the 3-gram starting at i; collisions only blur similarity slightly. */
function hash3(ids: Int32Array, i: number): number {
  let h = Math.imul(ids[i] ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ ids[i + 1] ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ ids[i + 2] ^ (h >>> 16), 0x27d4eb2f);
  // 30 bits: small integers in V8, and never the EMPTY mark of a KeySet.
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

/** The hash of the 3-gram at each word position. */
function positionHashes(ids: Int32Array): Uint32Array {
  const n = Math.max(0, ids.length - 2);
  const at = new Uint32Array(n);
  for (let i = 0; i < n; i++) at[i] = hash3(ids, i);
  return at;
}

/** The distinct values, in the order they first occur. */
function distinct(values: Uint32Array): Uint32Array {
  const seen = new KeySet(values.length);
  const out = new Uint32Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (seen.add(values[i])) out[k++] = values[i];
  return out.subarray(0, k);
}

const EMPTY = 0xffffffff;

/** A set of 3-gram hashes by open addressing (a hash is 30 bits, never EMPTY); grows at half load. */
class KeySet {
  keys: Uint32Array;
  private bits: number;
  private size = 0;

  constructor(expected: number) {
    this.bits = Math.max(4, Math.ceil(Math.log2(2 * expected + 1)));
    this.keys = new Uint32Array(1 << this.bits).fill(EMPTY);
  }

  /** The slot holding `key`, or -1. */
  find(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; slot = (slot + 1) & mask) {
      const k = keys[slot];
      if (k === key) return slot;
      if (k === EMPTY) return -1;
    }
  }

  /** Adds `key`; whether it was new. */
  add(key: number): boolean {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; slot = (slot + 1) & mask) {
      const k = keys[slot];
      if (k === key) return false;
      if (k === EMPTY) {
        keys[slot] = key;
        this.size++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.keys;
    this.bits++;
    this.keys = new Uint32Array(1 << this.bits).fill(EMPTY);
    this.size = 0;
    for (const k of old) if (k !== EMPTY) this.add(k);
  }
}

function keySetOf(values: Uint32Array): KeySet {
  const set = new KeySet(values.length);
  for (const v of values) set.add(v);
  return set;
}

let index: Index | null = null;

function referenceIndex(): Index {
  if (index) return index;
  const full = require('spdx-license-list/full') as Record<string, { osiApproved: boolean; licenseText: string }>;
  const refs: Reference[] = [];
  const sets: Uint32Array[] = [];
  const byText = new Map<string, number>();
  for (const [id, entry] of Object.entries(full)) {
    if (!isCurrentSpdxId(id) || !entry.licenseText) continue;
    const words = licenceWords(entry.licenseText.replace(COPYRIGHT_LINE, ' '));
    const set = distinct(positionHashes(wordIds(words, true)));
    if (set.length < 5) continue;
    const key = words.join(' ');
    const n = refs.length;
    const group = byText.get(key) ?? n;
    if (!byText.has(key)) byText.set(key, n);
    const ids = wordIds(words, false);
    refs.push({ id, size: set.length, osi: entry.osiApproved, group, start: hash3(ids, 0), start2: hash3(ids, 3) });
    sets.push(set);
  }
  // Spelling variants read as the word they stand for (the reference words already are).
  for (const [variant, word] of EQUIVALENT) {
    const id = vocabulary.get(word);
    if (id !== undefined && variant !== word) vocabulary.set(variant, id);
  }
  // The postings as one array, in reference order per 3-gram: the 3-grams first, then counted, then filled.
  const table = new KeySet(1 << 16);
  for (const set of sets) for (const h of set) table.add(h);
  const start = new Int32Array(table.keys.length + 1);
  for (const set of sets) for (const h of set) start[table.find(h) + 1]++;
  for (let s = 0; s < table.keys.length; s++) start[s + 1] += start[s];
  const postings = new Int32Array(start[table.keys.length]);
  const fill = start.slice(0, table.keys.length);
  sets.forEach((set, r) => {
    for (const h of set) postings[fill[table.find(h)]++] = r;
  });
  index = { refs, postings: { table, start, refs: postings }, sets, tables: [] };
  return index;
}

/** A reference's 3-grams as a set (made once, on first use). */
function referenceSet(r: number): KeySet {
  const { sets, tables } = referenceIndex();
  return (tables[r] ??= keySetOf(sets[r]));
}

interface Match {
  ref: number;
  /** Share of the licence's 3-grams found in the text. */
  containment: number;
  dice: number;
}

/** Shingles shared by more references than this only confirm candidates, they do not propose them. */
const RARE = 100;
const CANDIDATES = 24;

/**
 * The reference texts most like the text, best first: candidates are proposed by the 3-grams that
 * few references share, then compared exactly (containment and Dice over all 3-grams). One pass
 * over the text's 3-grams counts both, the rare ones and the common ones, for every reference.
 */
function bestMatches(textSet: Uint32Array): Match[] {
  const { refs, postings } = referenceIndex();
  const { table, start, refs: lists } = postings;
  const rare = new Int32Array(refs.length);
  const common = new Int32Array(refs.length);
  let any = false;
  for (let i = 0; i < textSet.length; i++) {
    const slot = table.find(textSet[i]);
    if (slot < 0) continue;
    const from = start[slot];
    const to = start[slot + 1];
    const isRare = to - from <= RARE;
    any ||= isRare;
    const counts = isRare ? rare : common;
    for (let k = from; k < to; k++) counts[lists[k]]++;
  }
  // Only common 3-grams: every reference sharing one is a candidate.
  const votes = any ? rare : common;
  const share = new Float64Array(refs.length);
  const candidates: number[] = [];
  for (let r = 0; r < refs.length; r++) {
    if (votes[r] === 0) continue;
    share[r] = votes[r] / refs[r].size;
    candidates.push(r);
  }
  candidates.sort((a, b) => share[b] - share[a] || votes[b] - votes[a]);
  const matches: Match[] = [];
  for (const r of candidates.slice(0, CANDIDATES)) {
    const shared = rare[r] + common[r];
    matches.push({ ref: r, containment: shared / refs[r].size, dice: (2 * shared) / (refs[r].size + textSet.length) });
  }
  return matches.sort((a, b) => b.dice - a.dice || b.containment - a.containment);
}

/** GNU ids of the SPDX list come in -only/-or-later pairs with the same text. */
const GNU_ID = /^((?:A|L)?GPL-\d\.\d)-(?:only|or-later)$/;

/** The id a group of identical texts stands for: a GNU pair is unspecified; else the OSI-approved, shortest id. */
function groupId(group: number): string {
  const { refs } = referenceIndex();
  const members = refs.filter((r) => r.group === group).map((r) => r);
  const gnu = members.map((m) => GNU_ID.exec(m.id)).find(Boolean);
  if (gnu && members.every((m) => GNU_ID.exec(m.id)?.[1] === gnu[1])) return unspecifiedGnu(gnu[1]);
  members.sort((a, b) => Number(b.osi) - Number(a.osi) || a.id.length - b.id.length || a.id.localeCompare(b.id));
  return members[0].id;
}

/** Added conditions: phrases that restrict what a licence allows (English and German). */
const RESTRICTION =
  /\b(?:non ?commercial|not (?:be )?(?:used )?for (?:any )?commercial|commercial (?:use|usage|purposes?|distribution|redistribution)|(?:may|must|shall|can) not be (?:sold|resold|used|distributed|published|redistributed)|(?:app|application|play|google play|apple) store|prohibited|forbidden|not permitted|not allowed|is not granted|military|(?:only|solely|exclusively) (?:for|by|within)|nicht kommerziell|kommerzielle (?:nutzung|zwecke)|untersagt|verboten|nicht gestattet|nicht erlaubt|nur für)\b/;

/** Words of the text not covered by the licence's 3-grams (`at`: the text's 3-gram per position), as runs [start, end). */
function uncoveredRuns(wordCount: number, at: Uint32Array, ref: KeySet): [number, number][] {
  const covered = new Uint8Array(wordCount);
  for (let i = 0; i < at.length; i++) {
    if (ref.find(at[i]) >= 0) covered[i] = covered[i + 1] = covered[i + 2] = 1;
  }
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= wordCount; i++) {
    if (i < wordCount && !covered[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

/** Whether the text adds conditions to the licence it copies (an uncovered passage restricts use). */
function addsConditions(words: readonly string[], uncovered: [number, number][]): boolean {
  return uncovered.some(([a, b]) => b - a >= 3 && RESTRICTION.test(phrase(words, a, b)));
}

/** Words a … b-1 of a text as one normalised phrase, spelling variants as the word they stand for. */
function phrase(words: readonly string[], a: number, b: number): string {
  return equivalentWords(words.slice(a, b)).join(' ');
}

const FULL_TEXT = 0.9;
const PARTIAL_TEXT = 0.5;

/** The result of matching the words of a text against the SPDX texts: an id, a modified licence, or nothing. */
function matchFullText(words: readonly string[]): string | null {
  if (words.length < 20) return null;
  const { refs } = referenceIndex();
  const at = positionHashes(wordIds(words, false));
  const matches = bestMatches(distinct(at));
  // Of the licences (nearly) all contained in the text, the most similar: BSD-3-Clause, not the
  // BSD-2-Clause it contains; 0BSD for an ISC text without ISC's condition.
  const full = matches.filter((m) => m.containment >= FULL_TEXT).sort((a, b) => b.dice - a.dice)[0];
  if (full) {
    const id = groupId(refs[full.ref].group);
    const uncovered = uncoveredRuns(words.length, at, referenceSet(full.ref));
    if (addsConditions(words, uncovered)) return modifiedLicence(id.replace(/^LicenseRef-allmende-(.*)-unspecified$/, '$1'));
    // A notice before the text (the project's own) decides: a GNU suffix, or another licence that
    // the file puts first ("Licensed under the EUPL" above a copy of the GPL).
    const lead = leadingNotice(words, at, refs[full.ref], uncovered);
    if (lead) {
      if (sameFamily(lead, id)) return lead.startsWith('LicenseRef-') ? id : lead;
      return lead;
    }
    return id;
  }
  // Most of a licence, with passages that restrict it: modified.
  const partial = matches.find((m) => m.containment >= PARTIAL_TEXT);
  if (partial && addsConditions(words, uncoveredRuns(words.length, at, referenceSet(partial.ref)))) {
    return modifiedLicence(groupId(refs[partial.ref].group).replace(/^LicenseRef-allmende-(.*)-unspecified$/, '$1'));
  }
  return null;
}

/** The licence a notice names before the copy of the matched text starts, if any. */
function leadingNotice(words: readonly string[], at: Uint32Array, ref: Reference, uncovered: [number, number][]): string | null {
  // A notice is short: the copy must start within its first words.
  let start = -1;
  for (let i = 0; i + 5 < Math.min(words.length, MAX_NOTICE_WORDS); i++) {
    if (at[i] === ref.start && at[i + 3] === ref.start2) {
      start = i;
      break;
    }
  }
  // The copy starts without the licence's first words (no title): the first covered word.
  if (start < 0) start = uncovered.length > 0 && uncovered[0][0] === 0 ? uncovered[0][1] : 0;
  if (start < 3) return null;
  const lead = phrase(words, 0, start);
  // A grant ("licensed under …"), not a title: "The ISC License" above a 0BSD text is no notice.
  if (!GRANT.test(lead)) return null;
  return detectNotice(lead);
}

const MAX_NOTICE_WORDS = 200;

const GRANT =
  /\b(?:licen[cs]ed under|released under|distributed under|available under|under the terms of|is free software|lizenziert|steht unter|unter den bedingungen)\b/;

/** Same licence family: equal, or GNU ids of the same base (suffixes and "unspecified" aside). */
function sameFamily(a: string, b: string): boolean {
  const base = (s: string) => s.replace(/^LicenseRef-allmende-(.*)-unspecified$/, '$1').replace(/-(?:only|or-later)$/, '');
  return base(a) === base(b);
}

// ─── Notices and titles ──────────────────────────────────────────────────────────────────────────

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
  // A title alone (the full text's first lines) does not say -only or -or-later.
  for (const [pattern, id] of GNU_TITLES) {
    const m = pattern.exec(n);
    if (m && (!best || m.index < best.at)) best = { id: unspecifiedGnu(id), at: m.index };
  }
  for (const pattern of [GNU_NOTICE, GNU_ABBREVIATION]) {
    // The abbreviation has no fixed first letter, which makes the expression slow on long texts without it.
    const m = pattern === GNU_ABBREVIATION && !n.includes('gpl') ? null : pattern.exec(n);
    if (!m || (best && best.at <= m.index)) continue;
    const id = gnuId(m[1], m[2], m[3]);
    if (!id) continue;
    const window = n.slice(m.index, m.index + m[0].length + 120);
    // A notice naming a version grants that version only (GPL §14), unless it adds "or later"; a bare
    // abbreviation ("GPLv3") says neither.
    const suffix = OR_LATER.test(window) ? '-or-later' : pattern === GNU_NOTICE || /\bonly\b/.test(window) ? '-only' : null;
    best = { id: suffix ? `${id}${suffix}` : unspecifiedGnu(id), at: m.index };
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
  simple('EUPL-1.0', /\beuropean union public licen[cs]e (?:v ?|version )?1 0\b/, /\beupl (?:v ?|version )?1 0\b/),
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
  simple('CC-BY-SA-4.0', /\bcreative commons attribution share ?alike 4 0\b/, /\bcc by sa 4 0\b/),
  simple('CC-BY-4.0', /\bcreative commons attribution 4 0 international\b/, /\bcc by 4 0\b/),
  simple('CECILL-2.1', /\bcecill (?:free software )?licen[cs]e agreement (?:version )?2 1\b/, /\bcecill (?:v ?|version )?2 1\b/),
  simple('CECILL-B', /\bcecill b\b/),
  simple('CECILL-C', /\bcecill c\b/),
  simple('DL-DE-BY-2.0', /\bdatenlizenz deutschland namensnennung version 2 0\b/, /\bdl de by 2 0\b/),
  simple('DL-DE-ZERO-2.0', /\bdatenlizenz deutschland zero version 2 0\b/, /\bdl de zero 2 0\b/)
];

const SPDX_HEADER = /SPDX-License-Identifier:\s*([^\n\r]*)/i;
const MAX_TEXT = 256 * 1024;

/** The licence named by a notice or title, first in the text. */
function detectNotice(text: string): string | null {
  return noticeIn(normaliseLicenceText(stripMarkup(text)));
}

/** The licence named by a notice or title, first in a normalised text. */
function noticeIn(n: string): string | null {
  let best: Hit | null = null;
  for (const detect of DETECTORS) {
    const hit = detect(n);
    if (hit && (!best || hit.at < best.at)) best = hit;
  }
  return best?.id ?? null;
}

/**
 * The SPDX expression of a licence text: an SPDX id or expression, `LicenseRef-allmende-modified-<id>`
 * for a licence with changed conditions, `LicenseRef-allmende-<GNU id>-unspecified` where a GNU text
 * does not say -only or -or-later; null when the text names no licence.
 */
export function detectLicence(text: string): string | null {
  if (!text || text.includes('\0')) return null;
  const head = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;

  const header = SPDX_HEADER.exec(head);
  if (header) {
    const expression = tagValue(header[1]);
    const canonical = expression ? canonicalSpdx(expression) : null;
    if (canonical) return canonical;
  }
  const words = normalisedWords(stripMarkup(head));
  return matchFullText(words) ?? noticeIn(words.join(' '));
}
