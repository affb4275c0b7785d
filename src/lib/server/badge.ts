/**
 * The README badge (/badge/<projekt>.svg): a shields-style SVG with the lifecycle and the score,
 * „aktiv · 78“, „nicht bewertbar“. Every text is XML-escaped; the SVG carries a <title> for
 * screen readers. Pure: the route adds the HTTP headers.
 */
import { createHash } from 'node:crypto';
import { lifecycleInfo, type Tone } from '../labels';
import { escapeXml } from '../xml';

/** The badge's colour is the tone of the lifecycle (src/lib/labels.ts), as the pages colour it. */
const TONE_COLOURS = {
  ok: '#1f6b3a',
  info: '#1d5c87',
  warn: '#8a4b00',
  bad: '#a32121',
  neutral: '#4b5563'
} satisfies Record<Tone, string>;

/** Approximate width of text in Verdana/DejaVu Sans 11px (what shields.io badges use). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    if ("iljI.,:;|!' ".includes(ch)) w += 3.4;
    else if ('ftr()[]-'.includes(ch)) w += 4.6;
    else if ('mwMW'.includes(ch)) w += 10.2;
    else if (ch === '·') w += 4;
    else if (/[A-ZÄÖÜ0-9]/.test(ch)) w += 7.4;
    else w += 6.6;
  }
  return Math.ceil(w);
}

export interface BadgeInput {
  /** null: nothing derived yet. */
  lifecycle: string | null;
  score: number | null;
  projectName: string;
}

export function badgeMessage(input: BadgeInput): string {
  if (!input.lifecycle || input.lifecycle === 'unbekannt') return 'keine Daten';
  const state = lifecycleInfo(input.lifecycle).label;
  if (input.score === null || input.score === undefined) return `${state} · nicht bewertbar`;
  return `${state} · ${Math.round(input.score)}`;
}

/** The badge SVG. `label` defaults to „allmende“. */
export function renderBadge(input: BadgeInput, label = 'allmende'): string {
  const message = badgeMessage(input);
  const state = input.lifecycle && input.lifecycle !== 'unbekannt' ? lifecycleInfo(input.lifecycle) : null;
  const colour = TONE_COLOURS[state?.tone ?? 'neutral'];
  const pad = 6;
  const lw = textWidth(label) + 2 * pad;
  const mw = textWidth(message) + 2 * pad;
  const width = lw + mw;
  const title = `${input.projectName}: ${state ? `Zustand ${state.label}, Vitalität ${input.score === null ? 'nicht bewertbar' : `${Math.round(input.score)} von 100`}` : 'noch keine Daten'} (allmende)`;
  const t = escapeXml(title);
  const l = escapeXml(label);
  const m = escapeXml(message);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${t}">` +
    `<title>${t}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#444d56"/><rect x="${lw}" width="${mw}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="14">${l}</text>` +
    `<text x="${lw + mw / 2}" y="14">${m}</text>` +
    `</g></svg>`
  );
}

/** A strong ETag from the body. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}
