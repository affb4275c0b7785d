import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { detectLicence } from '../../src/lib/licence/detect';
import { licenceFacts } from '../../src/lib/licence/facts';
import { combineLicenceFiles, isLicenceFile, reuseId, licencePathspecs } from '../../src/lib/licence/files';

const text = (file: string) => readFileSync(new URL(`./licence-texts/${file}`, import.meta.url), 'utf8');
const SPDX = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>;

describe('isLicenceFile', () => {
  it.each([
    'LICENSE',
    'LICENCE.md',
    'license.txt',
    'COPYING',
    'COPYING.LESSER',
    'COPYING.LIB',
    'LICENSE-MIT',
    'LICENSE-APACHE',
    'LICENSE_1_0.txt',
    'license.html',
    'UNLICENSE',
    'LICENSES/EUPL-1.2.txt',
    'LICENSES/LicenseRef-Stadt-Ulm.txt'
  ])('%s is one', (path) => expect(isLicenceFile(path)).toBe(true));

  it.each(['README.md', 'docs/LICENSE', 'licenses.json', 'LICENSE.png', 'src/COPYING', 'LICENSES/sub/MIT.txt'])('%s is none', (path) =>
    expect(isLicenceFile(path)).toBe(false)
  );
});

describe('combineLicenceFiles', () => {
  it('reads the GNU layout COPYING + COPYING.LESSER as the LGPL (weak copyleft)', () => {
    const spdx = combineLicenceFiles([
      { path: 'COPYING', spdx: detectLicence(text('GPL-3.txt')) },
      { path: 'COPYING.LESSER', spdx: detectLicence(text('LGPL-3.txt')) }
    ]);
    expect(spdx).toBe('LicenseRef-allmende-LGPL-3.0-unspecified');
    expect(licenceFacts(spdx)?.copyleft).toBe('weak');
  });

  it('joins dual licences in LICENSE-* files with OR and counts a licence in two files once', () => {
    expect(
      combineLicenceFiles([
        { path: 'LICENSE-APACHE', spdx: detectLicence(text('Apache-2.0.txt')) },
        { path: 'LICENSE-MIT', spdx: detectLicence(SPDX.MIT.licenseText) }
      ])
    ).toBe('Apache-2.0 OR MIT');
    expect(
      combineLicenceFiles([
        { path: 'LICENSE', spdx: 'MIT' },
        { path: 'LICENSE.md', spdx: 'MIT' }
      ])
    ).toBe('MIT');
  });

  it('reads REUSE LICENSES/ by file name, joined with AND, when no root file names a licence', () => {
    expect(reuseId('LICENSES/EUPL-1.2.txt')).toBe('EUPL-1.2');
    expect(reuseId('LICENSES/cc0-1.0.txt')).toBe('CC0-1.0');
    expect(reuseId('LICENSES/Lizenz.txt')).toBeNull();
    expect(
      combineLicenceFiles([
        { path: 'LICENSES/CC0-1.0.txt', spdx: 'CC0-1.0' },
        { path: 'LICENSES/EUPL-1.2.txt', spdx: 'EUPL-1.2' }
      ])
    ).toBe('CC0-1.0 AND EUPL-1.2');
    expect(
      combineLicenceFiles([
        { path: 'LICENSE', spdx: 'EUPL-1.2' },
        { path: 'LICENSES/CC0-1.0.txt', spdx: 'CC0-1.0' }
      ])
    ).toBe('EUPL-1.2');
  });

  it('names the file of an unknown or modified licence', () => {
    const other = combineLicenceFiles([{ path: 'LICENSE.md', spdx: null }]);
    expect(other).toBe('LicenseRef-allmende-other--LICENSE.md');
    expect(licenceFacts(other)?.name).toBe('andere Lizenz (nicht erkannt, Datei LICENSE.md)');
    const modified = combineLicenceFiles([{ path: 'LICENSE', spdx: 'LicenseRef-allmende-modified-MIT' }]);
    expect(modified).toBe('LicenseRef-allmende-modified-MIT--LICENSE');
    expect(licenceFacts(modified)?.name).toBe('abgewandelte Fassung von MIT License (geänderte Bedingungen, Datei LICENSE)');
    expect(
      combineLicenceFiles([
        { path: 'COPYING', spdx: null },
        { path: 'LICENSE', spdx: 'MIT' }
      ])
    ).toBe('MIT');
    expect(combineLicenceFiles([])).toBeNull();
  });

  it('reads licence.html', () => {
    const html = `<html><body><h1>MIT License</h1><p>${SPDX.MIT.licenseText.replace(/\n\n/g, '</p><p>')}</p></body></html>`;
    expect(detectLicence(html)).toBe('MIT');
  });
});

describe('licence history pathspecs', () => {
  it('are literal: the usual spellings, HEAD’s own licence files and REUSE’s folder, nothing git must glob', () => {
    const specs = licencePathspecs(['Licence.rst', 'LICENSE-EUPL', 'README.md', 'src', 'LICENSES']);
    expect(specs).toEqual(expect.arrayContaining(['LICENSE', 'license.md', 'COPYING.LESSER', 'Licence.rst', 'LICENSE-EUPL', 'LICENSES']));
    expect(specs).not.toContain('README.md');
    for (const s of specs) expect(s).not.toMatch(/[*?[:]/);
  });
});
