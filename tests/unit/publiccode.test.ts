import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePubliccode, type Publiccode } from '../../src/lib/publiccode/parse';

const VALID_04 = `# publiccode.yml of a municipal project
publiccodeYmlVersion: "0.4"
name: Terminbuchung
url: https://github.com/stadt-ulm/terminbuchung
landingURL: https://terminbuchung.ulm.de
isBasedOn: https://gitlab.opencode.de/dortmund/termine
usedBy:
  - Stadt Ulm
  - Stadt Dortmund
developmentStatus: stable
softwareType: standalone/web
platforms: [web]
categories: [appointment-management]
organisation:
  uri: https://www.ulm.de
  name: Stadt Ulm
description:
  de:
    shortDescription: Online-Terminvergabe für Bürgerämter
    longDescription: Eine lange Beschreibung.
    features: [Termine buchen]
legal:
  license: EUPL-1.2
  mainCopyrightOwner: Stadt Ulm
maintenance:
  type: contract
  contractors:
    - name: Beispiel GmbH
      until: 2027-12-31
      website: https://beispiel.example
      email: vertrag@beispiel.example
  contacts:
    - name: Erika Musterfrau
      email: erika.musterfrau@ulm.de
      phone: "+49 731 000000"
      affiliation: Stadt Ulm
localisation:
  localisationReady: true
  availableLanguages: [de]
de:
  ozg:
    leistungen: ["99050012104000"]
`;

const VALID_02 = `publiccodeYmlVersion: '0.2'
name: Medusa
url: "https://github.com/italia/medusa.git"
isBasedOn:
  - https://github.com/a/b
  - https://github.com/c/d
developmentStatus: development
softwareType: "standalone/desktop"
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: community
  contacts:
    - name: Francesco Rossi
      email: francesco.rossi@comune.reggioemilia.it
it:
  countryExtensionVersion: "0.2"
  conforme:
    lineeGuidaDesign: true
  riuso:
    codiceIPA: c_h223
`;

function ok(text: string): Publiccode {
  const result = parsePubliccode(text);
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

function error(text: string): string {
  const result = parsePubliccode(text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('parsePubliccode: valid files', () => {
  it('reads the fields of a 0.4 file', () => {
    const data = ok(VALID_04);
    expect(data).toMatchObject({
      publiccodeYmlVersion: '0.4',
      name: 'Terminbuchung',
      url: 'https://github.com/stadt-ulm/terminbuchung',
      isBasedOn: ['https://gitlab.opencode.de/dortmund/termine'],
      usedBy: ['Stadt Ulm', 'Stadt Dortmund'],
      developmentStatus: 'stable',
      softwareType: 'standalone/web',
      legal: { license: 'EUPL-1.2', mainCopyrightOwner: 'Stadt Ulm' },
      maintenance: {
        type: 'contract',
        contractors: [{ name: 'Beispiel GmbH', until: '2027-12-31', website: 'https://beispiel.example' }],
        contacts: [{ name: 'Erika Musterfrau', affiliation: 'Stadt Ulm' }]
      },
      organisation: { uri: 'https://www.ulm.de', name: 'Stadt Ulm' },
      de: { ozg: { leistungen: ['99050012104000'] } }
    });
    expect(data.countrySections.de).toEqual(data.de);
  });

  it('never keeps contact emails or phone numbers', () => {
    const json = JSON.stringify(ok(VALID_04));
    expect(json).not.toContain('@');
    expect(json).not.toContain('+49');
    expect(json).not.toContain('email');
  });

  it('drops the fields it does not use', () => {
    const data = ok(VALID_04) as Record<string, unknown>;
    expect(data.description).toBeUndefined();
    expect(data.platforms).toBeUndefined();
  });

  it('reads a 0.2 file with a list isBasedOn and keeps the it: section', () => {
    const data = ok(VALID_02);
    expect(data.publiccodeYmlVersion).toBe('0.2');
    expect(data.isBasedOn).toEqual(['https://github.com/a/b', 'https://github.com/c/d']);
    expect(data.usedBy).toEqual([]);
    expect(data.maintenance.contacts).toEqual([{ name: 'Francesco Rossi' }]);
    expect(data.countrySections.it).toMatchObject({ riuso: { codiceIPA: 'c_h223' } });
    expect(data.de).toBeUndefined();
    expect(data.organisation).toBeUndefined();
  });

  it.each([
    ['"0.2"', '0.2'],
    ['"0.2.1"', '0.2.1'],
    ['0.3', '0.3'],
    ['"0.3.0"', '0.3.0'],
    ['0.4', '0.4'],
    ["'0.4.0'", '0.4.0'],
    ['"0"', '0'],
    ['0', '0'],
    ['"0.5"', '0.5'],
    ['0.5.0', '0.5.0'],
    ['"0.7"', '0.7'],
    ['"0.7.0"', '0.7.0']
  ])('accepts publiccodeYmlVersion %s', (written, expected) => {
    expect(parsePubliccode(VALID_02.replace("'0.2'", written))).toMatchObject({
      ok: true,
      data: { publiccodeYmlVersion: expected },
      notices: []
    });
  });

  it('reads an unknown newer 0.x version with a notice, and refuses other majors', () => {
    const result = parsePubliccode(VALID_02.replace("'0.2'", '"0.9"'));
    expect(result).toMatchObject({
      ok: true,
      data: { name: 'Medusa', publiccodeYmlVersion: '0.9', legal: { license: 'AGPL-3.0-or-later' } }
    });
    expect(result.ok && result.notices).toEqual([
      'publiccodeYmlVersion (Zeile 1): Version „0.9“ ist unbekannt (bekannt: 0, 0.2, 0.2.0, 0.2.1, 0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, 0.5.0, 0.5, 0.7.0, 0.7); die von allmende genutzten Felder wurden nach Version 0 gelesen'
    ]);
    expect(error(VALID_02.replace("'0.2'", '"2"'))).toMatch(/^publiccodeYmlVersion \(Zeile 1\): Version „2“ wird nicht unterstützt/);
    expect(error(VALID_02.replace("publiccodeYmlVersion: '0.2'\n", ''))).toBe('publiccodeYmlVersion fehlt');
  });

  it('reads an organisation given by name only with a notice (uri is required), but not an empty one', () => {
    const result = parsePubliccode(VALID_04.replace('  uri: https://www.ulm.de\n', ''));
    expect(result.ok && result.data.organisation).toEqual({ name: 'Stadt Ulm' });
    expect(result.ok && result.notices).toEqual([
      'organisation.uri fehlt (in organisation, Zeile 15): Pflicht laut Standard; gelesen wurde der Name'
    ]);
    expect(parsePubliccode(VALID_04)).toMatchObject({ ok: true, notices: [] });
    expect(error(VALID_04.replace('  uri: https://www.ulm.de\n  name: Stadt Ulm\n', '  other: 1\n'))).toBe(
      'organisation (Zeile 15): braucht uri (und name)'
    );
    expect(error(VALID_04.replace('uri: https://www.ulm.de', 'uri: ulm.de'))).toBe(
      'organisation.uri (Zeile 15): erwartet eine URI mit Host (https://…) oder eine URN (urn:…), gefunden „ulm.de“'
    );
    expect(ok(VALID_04.replace('uri: https://www.ulm.de', 'uri: "urn:de:ags:08421000"')).organisation?.uri).toBe('urn:de:ags:08421000');
  });

  it('accepts a byte order mark and Windows line ends', () => {
    expect(ok('\uFEFF' + VALID_02.replace(/\n/g, '\r\n')).name).toBe('Medusa');
  });

  it('accepts a few anchors and aliases', () => {
    const text = VALID_02.replace('name: Medusa', 'name: &n Medusa\nx-alias: *n');
    expect(ok(text).name).toBe('Medusa');
  });
});

describe('parsePubliccode: broken files', () => {
  it('names missing fields in German', () => {
    expect(error(VALID_02.replace('  license: AGPL-3.0-or-later\n', '  mainCopyrightOwner: X\n'))).toBe(
      'legal.license fehlt (in legal, Zeile 10)'
    );
    expect(error(VALID_02.replace('name: Medusa\n', ''))).toBe('name fehlt');
    expect(error('publiccodeYmlVersion: "0.4"\nname: x\n')).toBe(
      'url fehlt; developmentStatus fehlt; softwareType fehlt; legal fehlt; maintenance fehlt'
    );
  });

  it('names wrong values and types', () => {
    expect(error(VALID_02.replace('development\n', 'fertig\n'))).toBe(
      'developmentStatus (Zeile 7): „fertig“ ist nicht zulässig (erlaubt: concept, development, beta, stable, obsolete)'
    );
    expect(error(VALID_02.replace('name: Medusa', 'name: [a, b]'))).toBe('name (Zeile 2): erwartet Text, gefunden eine Liste');
    expect(error(VALID_02.replace('name: Medusa', 'name: ""'))).toBe('name (Zeile 2): darf nicht leer sein');
    expect(error(VALID_02.replace("'0.2'", '"0.1"'))).toMatch(/^publiccodeYmlVersion \(Zeile 1\): Version „0\.1“ wird nicht unterstützt/);
    expect(error(VALID_02.replace("'0.2'", '"1.0"'))).toMatch(/^publiccodeYmlVersion \(Zeile 1\): Version „1\.0“ wird nicht unterstützt/);
    expect(error(VALID_04.replace('until: 2027-12-31', 'until: bald'))).toBe(
      'maintenance.contractors[0].until (Zeile 29): erwartet ein Datum JJJJ-MM-TT, gefunden „bald“'
    );
    expect(error(VALID_04.replace('until: 2027-12-31', 'until: 2027-02-30'))).toMatch(
      /^maintenance\.contractors\[0\]\.until \(Zeile 29\): erwartet ein Datum/
    );
    expect(error(VALID_02.replace('url: "https://github.com/italia/medusa.git"', 'url: medusa'))).toBe(
      'url (Zeile 3): erwartet eine URL (z. B. https://…), gefunden „medusa“'
    );
    expect(error(VALID_02.replace('  - https://github.com/c/d', '  - c/d'))).toBe(
      'isBasedOn[1] (Zeile 6): erwartet eine URL (z. B. https://…), gefunden „c/d“'
    );
    expect(error(VALID_04.replace('website: https://beispiel.example', 'website: beispiel.example'))).toMatch(
      /^maintenance\.contractors\[0\]\.website \(Zeile 30\): erwartet eine http\(s\)-URL/
    );
  });

  it('requires contractors for contract maintenance and contacts for community maintenance', () => {
    const contractors = VALID_04.slice(VALID_04.indexOf('  contractors:'), VALID_04.indexOf('  contacts:'));
    const noContractors = VALID_04.replace(contractors, '');
    expect(noContractors).not.toContain('Beispiel GmbH');
    expect(error(noContractors)).toBe('maintenance.contractors fehlt (Pflicht bei maintenance.type „contract“) (in maintenance, Zeile 26)');
    const noContacts = VALID_02.replace(/ {2}contacts:\n.*\n.*\n/, '');
    expect(error(noContacts)).toBe('maintenance.contacts fehlt (Pflicht bei maintenance.type „community“) (in maintenance, Zeile 12)');
    expect(ok(noContacts.replace('type: community', 'type: none')).maintenance.type).toBe('none');
  });

  it('allows contractors only with maintenance.type contract', () => {
    expect(error(VALID_04.replace('type: contract', 'type: internal'))).toBe(
      'maintenance.contractors (Zeile 28): ist nur bei maintenance.type „contract“ erlaubt, nicht bei „internal“'
    );
  });

  it('requires legal.license to be a valid SPDX expression and keeps it in SPDX spelling', () => {
    expect(error(VALID_02.replace('AGPL-3.0-or-later', 'Invalid License'))).toBe(
      'legal.license (Zeile 10): „Invalid License“ ist kein gültiger SPDX-Lizenzausdruck (siehe https://spdx.org/licenses)'
    );
    expect(error(VALID_02.replace('AGPL-3.0-or-later', 'EUPL 1.2'))).toBe(
      'legal.license (Zeile 10): „EUPL 1.2“ ist kein gültiger SPDX-Lizenzausdruck (siehe https://spdx.org/licenses); gemeint ist vielleicht „EUPL-1.2“'
    );
    expect(error(VALID_02.replace('AGPL-3.0-or-later', 'MIT OR'))).toMatch(/^legal\.license \(Zeile 10\): „MIT OR“ ist kein gültiger/);
    expect(ok(VALID_02.replace('AGPL-3.0-or-later', 'eupl-1.2 or mit')).legal.license).toBe('EUPL-1.2 OR MIT');
    expect(ok(VALID_02.replace('AGPL-3.0-or-later', 'GPL-2.0-only WITH Classpath-exception-2.0')).legal.license).toBe(
      'GPL-2.0-only WITH Classpath-exception-2.0'
    );
    expect(ok(VALID_02.replace('AGPL-3.0-or-later', 'LicenseRef-Stadt-Ulm')).legal.license).toBe('LicenseRef-Stadt-Ulm');
  });

  it('reports YAML syntax errors with their line', () => {
    const text = 'publiccodeYmlVersion: "0.4"\nname: x\nurl: [unclosed\nlegal:\n  license: MIT\n';
    expect(error(text)).toMatch(/^ungültiges YAML in Zeile \d+, Spalte \d+: /);
    expect(error('a: 1\n\tb: 2\n')).toMatch(/^ungültiges YAML in Zeile 2/);
    expect(error('name: a\nname: b\n')).toMatch(/^ungültiges YAML in Zeile 2, Spalte 1: Schlüssel doppelt/);
    expect(error('name: a\n---\nname: b\n')).toMatch(/^ungültiges YAML in Zeile 2, Spalte 1: mehrere YAML-Dokumente/);
  });

  it('rejects documents that are not a mapping', () => {
    expect(error('- a\n- b\n')).toMatch(/^erwartet ein YAML-Objekt/);
    expect(error('just text\n')).toMatch(/^erwartet ein YAML-Objekt/);
    expect(error('')).toBe('Datei ist leer');
    expect(error('  \n# nur ein Kommentar\n')).toMatch(/^(Datei ist leer|erwartet ein YAML-Objekt)/);
  });

  it('refuses alias bombs', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]'
    ].join('\n');
    expect(error(bomb)).toMatch(/YAML-Bombe/);
  });

  it('refuses huge and binary input', () => {
    expect(error(VALID_02 + '#' + 'x'.repeat(1024 * 1024) + '\n')).toMatch(/^Datei zu groß \(\d+ kB, höchstens 1024 kB\)/);
    expect(error('name: a\0b\n')).toBe('Binärdatei, kein YAML-Text');
    expect(error('\x89PNG\r\n\x1a\n' + '\x01\x02\x03\x04'.repeat(50))).toBe('Binärdatei, kein YAML-Text');
    expect(error('\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD name: x')).toBe('Binärdatei, kein YAML-Text');
  });

  it('never throws', () => {
    for (const text of ['{', ']', '&a [*a]', '*unknown', '!!binary x', 'key: !!int abc', ':', '? ? ?', '%YAML 9.9\n---\na: 1']) {
      expect(() => parsePubliccode(text)).not.toThrow();
      expect(parsePubliccode(text).ok).toBe(false);
    }
  });
});

describe('publiccode.yml errors and privacy', () => {
  it('never echoes an email address in an error message', () => {
    const result = parsePubliccode(
      'publiccodeYmlVersion: "0.4"\nname: X\nmaintenance:\n  type: internal\n  contacts: max.mustermann@ulm.de\n'
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('max.mustermann@ulm.de');
  });
});

// ─── The reference parser's own test data (tests/fixtures/publiccode-parser-go, see its README) ───

const REFERENCE = fileURLToPath(new URL('../fixtures/publiccode-parser-go/v0/', import.meta.url));
/** File → the errors and warnings the reference parser's v0_test.go expects (key and line). */
const EXPECTED: Record<string, { kind: 'error' | 'warning'; key: string; line: number }[]> = JSON.parse(
  readFileSync(new URL('../fixtures/publiccode-parser-go/expected-errors.json', import.meta.url), 'utf8')
);

/** The fields allmende reads (DESIGN §4), as paths of the reference parser's error keys. */
const READ_FIELDS = [
  'publiccodeYmlVersion',
  'name',
  'url',
  'isBasedOn',
  'usedBy',
  'developmentStatus',
  'softwareType',
  'legal.license',
  'legal.mainCopyrightOwner',
  'legal.repoOwner',
  'maintenance.type',
  'maintenance.contractors',
  'maintenance.contacts',
  'organisation'
];

/** The read field an error key belongs to ("isBasedOn.foobar" → isBasedOn, "legal" → legal), or null. */
function readField(key: string): string | null {
  if (key === '') return ''; // the file as a whole (YAML syntax, encoding)
  const base = key.replace(/\[[^\]]*\]/g, '');
  for (const field of READ_FIELDS) {
    if (base === field || base.startsWith(`${field}.`)) return field;
    if (field.startsWith(`${base}.`)) return base; // a section holding read fields (legal, maintenance)
  }
  return null;
}

/**
 * Where allmende knowingly differs from the reference parser, with the reason:
 * - an organisation without uri is read (with a notice), as its name is what allmende matches;
 * - Italian iPA codes (urn:x-italian-pa:…) are checked for form only, not against the Italian registry.
 */
const DEVIATIONS: Record<string, string> = {
  'invalid/organisation_uri_missing.yml': 'organisation.uri fehlt',
  'invalid/organisation_uri_wrong_italian_pa2.yml': ''
};

function referenceFiles(dir: string): string[] {
  return readdirSync(join(REFERENCE, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yml'))
    .map((f) => `${dir}/${f}`)
    .sort();
}

describe('parsePubliccode on the reference parser test data', () => {
  const valid = [...referenceFiles('valid'), ...referenceFiles('valid_with_warnings')];
  const invalid = referenceFiles('invalid');

  it('has the files of the vendored suite', () => {
    expect(valid.length).toBe(41);
    expect(invalid.length).toBe(132);
    for (const file of [...invalid, ...referenceFiles('valid_with_warnings')]) expect(EXPECTED[file], file).toBeDefined();
  });

  it.each(valid)('accepts %s', (file) => {
    const result = parsePubliccode(readFileSync(join(REFERENCE, file), 'utf8'));
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });

  const relevant = invalid.filter((f) => !(f in DEVIATIONS) && EXPECTED[f].some((e) => e.kind === 'error' && readField(e.key) !== null));
  const irrelevant = invalid.filter((f) => !(f in DEVIATIONS) && !relevant.includes(f));

  it('splits the invalid files into errors in read fields and errors elsewhere', () => {
    expect(relevant.length).toBe(45);
    expect(irrelevant.length).toBe(85);
  });

  it.each(relevant)('rejects %s naming the field and its line', (file) => {
    const result = parsePubliccode(readFileSync(join(REFERENCE, file), 'utf8'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = EXPECTED[file]
      .filter((e) => e.kind === 'error')
      .map((e) => readField(e.key))
      .filter((f) => f !== null);
    // The message names one of the fields the reference parser names, with a line number unless a
    // top-level field is missing altogether (there is no line to name).
    const names = (f: string) => result.error.includes(f) || result.error.includes(`${f.split('.')[0]} fehlt`);
    expect(
      fields.some((f) => (f === '' ? /Zeile \d+/.test(result.error) : names(f))),
      result.error
    ).toBe(true);
    if (!/^[A-Za-z]+ fehlt$/.test(result.error.split('; ')[0])) expect(result.error).toMatch(/Zeile \d+/);
  });

  it.each(irrelevant)('accepts %s, whose errors are in fields allmende does not read', (file) => {
    const result = parsePubliccode(readFileSync(join(REFERENCE, file), 'utf8'));
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });

  it.each(Object.entries(DEVIATIONS))('documented deviation: %s is read', (file, notice) => {
    const result = parsePubliccode(readFileSync(join(REFERENCE, file), 'utf8'));
    expect(result.ok).toBe(true);
    if (result.ok && notice) expect(result.notices.join('\n')).toContain(notice);
  });
});

describe('parsePubliccode on real files', () => {
  it('reads MUCGPT (Landeshauptstadt München, publiccodeYmlVersion 0.5.0)', () => {
    const result = parsePubliccode(readFileSync(new URL('../fixtures/publiccode/mucgpt.publiccode.yml', import.meta.url), 'utf8'));
    expect(result).toMatchObject({
      ok: true,
      notices: [],
      data: {
        publiccodeYmlVersion: '0.5.0',
        name: 'MUCGPT',
        url: 'https://github.com/it-at-m/mucgpt',
        isBasedOn: ['https://github.com/Azure-Samples/azure-search-openai-demo'],
        usedBy: ['Landeshauptstadt Stuttgart (BW): Fork unter dem Namen "ChatSTR"'],
        developmentStatus: 'stable',
        softwareType: 'standalone/web',
        legal: { license: 'MIT', mainCopyrightOwner: 'Landeshauptstadt München' },
        maintenance: {
          type: 'internal',
          contractors: [],
          contacts: [{ name: 'Landeshauptstadt München - Data & AI Center of Excellence' }]
        }
      }
    });
    expect(JSON.stringify(result)).not.toContain('ki@muenchen.de');
  });
});
