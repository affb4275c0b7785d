/** Characters XML 1.0 does not allow (C0 controls but tab/newline/return, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drop the characters XML 1.0 does not allow. */
export function stripNonXml(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Escape text for XML content and attributes; drop characters XML 1.0 does not allow. */
export function escapeXml(text: string): string {
  return stripNonXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
