/** The licence a forge names for a repository, as an SPDX id. */

/** Map GitHub/GitLab licence keys to SPDX ids; null when the forge does not know. */
export function spdxFromForge(key: string | null | undefined): string | null {
  if (!key) return null;
  const k = key.trim();
  if (!k || /^(noassertion|other)$/i.test(k)) return null;
  const known = [
    '0BSD',
    'AGPL-3.0',
    'AGPL-3.0-only',
    'AGPL-3.0-or-later',
    'Apache-2.0',
    'Artistic-2.0',
    'BSD-2-Clause',
    'BSD-3-Clause',
    'BSD-3-Clause-Clear',
    'BSL-1.0',
    'CC-BY-4.0',
    'CC-BY-SA-4.0',
    'CC0-1.0',
    'ECL-2.0',
    'EPL-1.0',
    'EPL-2.0',
    'EUPL-1.1',
    'EUPL-1.2',
    'GPL-2.0',
    'GPL-2.0-only',
    'GPL-2.0-or-later',
    'GPL-3.0',
    'GPL-3.0-only',
    'GPL-3.0-or-later',
    'ISC',
    'LGPL-2.1',
    'LGPL-2.1-only',
    'LGPL-2.1-or-later',
    'LGPL-3.0',
    'LGPL-3.0-only',
    'LGPL-3.0-or-later',
    'MIT',
    'MIT-0',
    'MPL-2.0',
    'MS-PL',
    'MulanPSL-2.0',
    'NCSA',
    'OFL-1.1',
    'OSL-3.0',
    'PostgreSQL',
    'Unlicense',
    'UPL-1.0',
    'WTFPL',
    'Zlib'
  ];
  return known.find((id) => id.toLowerCase() === k.toLowerCase()) ?? k;
}
