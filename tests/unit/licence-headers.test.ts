import { describe, expect, it } from 'vitest';
import {
  declaredExpression,
  declaredLicences,
  dep5Licences,
  headerLicence,
  headerSample,
  HEADER_SAMPLE,
  reuseTomlLicences
} from '../../src/lib/licence/headers';
import { licence } from '../../src/lib/metrics/licence';
import { licenceFacts } from '../../src/lib/licence/facts';
import { declaredLicenceNote, licenceSourceText } from '../../src/lib/reportText';
import { AS_OF } from './metrics/fixtures';

describe('headerLicence: SPDX-License-Identifier in a file header', () => {
  it.each([
    ['// SPDX-License-Identifier: EUPL-1.2\nexport const x = 1;\n', 'EUPL-1.2'],
    ['#!/bin/sh\n# SPDX-FileCopyrightText: 2024 Stadt Ulm\n# SPDX-License-Identifier: mit\n', 'MIT'],
    ['/*\n * SPDX-License-Identifier: GPL-2.0+\n */\n', 'GPL-2.0-or-later'],
    ['/* SPDX-License-Identifier: MIT OR Apache-2.0 */\n', 'MIT OR Apache-2.0'],
    ['<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n<svg/>', 'CC-BY-4.0'],
    ['-- SPDX-License-Identifier: LicenseRef-Stadt-Ulm\r\nselect 1;', 'LicenseRef-Stadt-Ulm'],
    ['SPDX-License-Identifier: CC0-1.0\n', 'CC0-1.0'],
    ['// SPDX-License-Identifier: MIT\n// SPDX-License-Identifier: Apache-2.0\n', 'MIT AND Apache-2.0']
  ])('%j → %s', (text, expected) => expect(headerLicence(text)).toBe(expected));

  it.each([
    ['a tag quoted in code', 'const tag = "SPDX-License-Identifier: MIT";\n'],
    ['a pattern that looks for tags', 'const HEADER = /SPDX-License-Identifier:\\s*([^\\n\\r]*)/i;\n'],
    ['a Markdown mention', 'Put `SPDX-License-Identifier: MIT` at the top of each file.\n'],
    ['running text', 'Every file carries an SPDX-License-Identifier: EUPL-1.2 line.\n'],
    ['no valid expression', '# SPDX-License-Identifier: Die Lizenz der Stadt\n'],
    ['a string in a list', '  "SPDX-License-Identifier: MIT",\n'],
    ['no tag', 'export const x = 1;\n']
  ])('nothing from %s', (_label, text) => expect(headerLicence(text)).toBeNull());
});

describe('REUSE.toml and .reuse/dep5', () => {
  it('reads the SPDX-License-Identifier of every annotation, a string or a list', () => {
    const toml = `version = 1
SPDX-PackageName = "terminbuchung"

[[annotations]]
path = ["docs/**", "README.md"]
precedence = "aggregate"
SPDX-FileCopyrightText = "2024 Stadt Ulm"
SPDX-License-Identifier = "CC-BY-4.0"

[[annotations]]
path = "assets/**"
SPDX-License-Identifier = [
  "CC0-1.0",
  'dl-de-by-2.0',
]

[[annotations]]
path = "x"
SPDX-License-Identifier = "keine gültige Angabe"
`;
    expect(reuseTomlLicences(toml)).toEqual(['CC-BY-4.0', 'CC0-1.0', 'DL-DE-BY-2.0']);
  });

  it('reads the License field of each Files paragraph of dep5, not the standalone licence texts', () => {
    const dep5 = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: terminbuchung

Files: *
Copyright: 2024 Stadt Ulm
License: EUPL-1.2

Files: docs/*
Copyright: 2024 Stadt Ulm
License: CC-BY-4.0

License: EUPL-1.2
 The full text …
`;
    expect(dep5Licences(dep5)).toEqual(['EUPL-1.2', 'CC-BY-4.0']);
    expect(dep5Licences(dep5.replace(/\n/g, '\r\n'))).toEqual(['EUPL-1.2', 'CC-BY-4.0']);
  });
});

describe('declared licences together', () => {
  it('counts the headers per expression, most first, and joins all declarations with AND', () => {
    const declared = declaredLicences(['EUPL-1.2', null, 'EUPL-1.2', 'CC0-1.0', 'EUPL-1.2'], ['CC-BY-4.0'], []);
    expect(declared).toEqual({
      headers: [
        { spdx: 'EUPL-1.2', files: 3 },
        { spdx: 'CC0-1.0', files: 1 }
      ],
      sampled: 5,
      reuseToml: ['CC-BY-4.0'],
      dep5: []
    });
    expect(declaredExpression(declared)).toBe('EUPL-1.2 AND CC0-1.0 AND CC-BY-4.0');
    expect(declaredExpression(declaredLicences([null, null]))).toBeNull();
    expect(declaredExpression(null)).toBeNull();
  });

  it('samples source files and .license sidecars spread over the tree, not vendored, built or licence files', () => {
    const paths = [
      'LICENSE',
      'LICENSES/EUPL-1.2.txt',
      'README.md',
      'logo.png',
      'logo.png.license',
      'node_modules/x/index.js',
      'vendor/lib/a.go',
      'dist/app.js',
      'web/app.min.js',
      'src/main.ts',
      'src/util.py',
      'Makefile'
    ];
    expect(headerSample(paths)).toEqual(['logo.png.license', 'src/main.ts', 'src/util.py', 'Makefile']);
    const many = Array.from({ length: 1000 }, (_, i) => `src/${String(i).padStart(4, '0')}.ts`);
    const sample = headerSample(many);
    expect(sample).toHaveLength(HEADER_SAMPLE);
    expect(sample[0]).toBe('src/0000.ts');
    expect(sample.at(-1)! > 'src/0950.ts').toBe(true);
  });
});

describe('licence: what the files declare', () => {
  const repo = (licenseFileSpdx: string | null, licenseSpdx: string | null = null) => ({
    licenseSpdx,
    publiccode: null,
    licenseFileSpdx,
    licenseDeclared: declaredLicences(['EUPL-1.2', 'EUPL-1.2', null])
  });

  it('gives the licence when no licence file names one, with the note where it comes from', () => {
    const l = licence([repo(null)], [], AS_OF, licenceFacts);
    expect(l).toMatchObject({ spdx: 'EUPL-1.2', source: 'headers', copyleft: 'strong' });
    expect(l.declared).toEqual({
      spdx: 'EUPL-1.2',
      headers: [{ spdx: 'EUPL-1.2', files: 2 }],
      sampled: 3,
      reuseToml: false,
      dep5: false,
      agrees: null
    });
    // A licence file whose text names no known licence says nothing against it.
    expect(licence([repo('LicenseRef-allmende-other--LICENSE')], [], AS_OF)).toMatchObject({ spdx: 'EUPL-1.2', source: 'headers' });
  });

  it('confirms or contradicts the licence of a licence file or the forge', () => {
    expect(licence([repo('EUPL-1.2')], [], AS_OF)).toMatchObject({ source: 'file', declared: { agrees: true } });
    expect(licence([repo('MIT')], [], AS_OF)).toMatchObject({ spdx: 'MIT', source: 'file', declared: { agrees: false } });
    expect(licence([repo(null, 'EUPL-1.2')], [], AS_OF)).toMatchObject({ source: 'forge', declared: { agrees: true } });
    expect(licence([{ ...repo('MIT'), licenseDeclared: declaredLicences([null]) }], [], AS_OF).declared).toBeNull();
  });
});

describe('declaredLicenceNote: what the Steckbrief says about the files’ own declarations', () => {
  const base = { spdx: 'EUPL-1.2', name: null, osiApproved: null, fsfLibre: null, copyleft: null, changes: [] };
  const declared = (agrees: boolean | null, headers = [{ spdx: 'EUPL-1.2', files: 38 }]) => ({
    spdx: headers.map((h) => h.spdx).join(' AND '),
    headers,
    sampled: 40,
    reuseToml: true,
    dep5: false,
    agrees
  });

  it('names the source and the sample, and whether the files agree with the licence shown', () => {
    const fromHeaders = { ...base, source: 'headers' as const, declared: declared(null) };
    expect(licenceSourceText(fromHeaders)).toBe('SPDX-Angaben der Dateien selbst (REUSE); keine Lizenzdatei nennt eine erkennbare Lizenz');
    expect(declaredLicenceNote(fromHeaders)).toBe('Gefunden: SPDX-License-Identifier in 38 von 40 gelesenen Dateien, REUSE.toml.');
    expect(declaredLicenceNote({ ...base, source: 'file', declared: declared(true) })).toBe(
      'Die Dateien selbst nennen dieselbe Lizenz (SPDX-License-Identifier in 38 von 40 gelesenen Dateien, REUSE.toml).'
    );
    const two = declared(false, [
      { spdx: 'Apache-2.0', files: 30 },
      { spdx: 'MIT', files: 1 }
    ]);
    expect(declaredLicenceNote({ ...base, spdx: 'MIT', source: 'file', declared: two })).toBe(
      'Die Dateien selbst nennen eine andere Lizenz: Apache-2.0 in 30 Dateien, MIT in 1 Datei (SPDX-License-Identifier in 31 von 40 gelesenen Dateien, REUSE.toml).'
    );
    expect(declaredLicenceNote({ ...base, source: 'file' })).toBeNull();
  });
});
