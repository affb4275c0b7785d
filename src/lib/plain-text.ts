/**
 * Forge text (names, titles, descriptions) is untrusted. Where it leaves the HTML pages — CSV and
 * ODS cells, the Steckbrief on a terminal — control characters could move the cursor, recolour or
 * clear a terminal (ESC sequences) and bidi controls could reorder what a reader sees ("Trojan
 * Source", CVE-2021-42574). Both are replaced; tab and line breaks stay, they are text.
 */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates, and the invisible direction marks. */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** `text` with control characters as U+FFFD and bidi controls removed. */
export function plainText(text: string): string {
  return text.replace(CONTROL, '\ufffd').replace(BIDI, '');
}
