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
    ["'0.4.0'", '0.4.0']
  ])('accepts publiccodeYmlVersion %s', (written, expected) => {
    expect(ok(VALID_02.replace("'0.2'", written)).publiccodeYmlVersion).toBe(expected);
  });

  it('accepts an organisation given by name only, but not an empty one', () => {
    expect(ok(VALID_04.replace('  uri: https://www.ulm.de\n', '')).organisation).toEqual({ name: 'Stadt Ulm' });
    expect(error(VALID_04.replace('  uri: https://www.ulm.de\n  name: Stadt Ulm\n', '  other: 1\n'))).toBe(
      'organisation: braucht uri oder name'
    );
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
    expect(error(VALID_02.replace('  license: AGPL-3.0-or-later\n', '  mainCopyrightOwner: X\n'))).toBe('legal.license fehlt');
    expect(error(VALID_02.replace('name: Medusa\n', ''))).toBe('name fehlt');
    expect(error('publiccodeYmlVersion: "0.4"\nname: x\n')).toBe(
      'url fehlt; developmentStatus fehlt; softwareType fehlt; legal fehlt; maintenance fehlt'
    );
  });

  it('names wrong values and types', () => {
    expect(error(VALID_02.replace('development\n', 'fertig\n'))).toBe(
      'developmentStatus: „fertig“ ist nicht zulässig (erlaubt: concept, development, beta, stable, obsolete)'
    );
    expect(error(VALID_02.replace('name: Medusa', 'name: [a, b]'))).toBe('name: erwartet Text, gefunden eine Liste');
    expect(error(VALID_02.replace('name: Medusa', 'name: ""'))).toBe('name: darf nicht leer sein');
    expect(error(VALID_02.replace("'0.2'", '"0.1"'))).toMatch(/^publiccodeYmlVersion: erwartet eine Version von 0\.2 bis 0\.4/);
    expect(error(VALID_02.replace("'0.2'", '"1.0"'))).toMatch(/^publiccodeYmlVersion/);
    expect(error(VALID_04.replace('until: 2027-12-31', 'until: bald'))).toBe(
      'maintenance.contractors[0].until: erwartet ein Datum JJJJ-MM-TT, gefunden „bald“'
    );
  });

  it('requires contractors for contract maintenance and contacts for community maintenance', () => {
    const contractors = VALID_04.slice(VALID_04.indexOf('  contractors:'), VALID_04.indexOf('  contacts:'));
    const noContractors = VALID_04.replace(contractors, '');
    expect(noContractors).not.toContain('Beispiel GmbH');
    expect(error(noContractors)).toBe('maintenance.contractors fehlt (Pflicht bei maintenance.type „contract“)');
    const noContacts = VALID_02.replace(/ {2}contacts:\n.*\n.*\n/, '');
    expect(error(noContacts)).toBe('maintenance.contacts fehlt (Pflicht bei maintenance.type „community“)');
    expect(ok(noContacts.replace('type: community', 'type: none')).maintenance.type).toBe('none');
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
