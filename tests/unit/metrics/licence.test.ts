import { describe, expect, it } from 'vitest';
import { licence, licenceChanges } from '../../../src/lib/metrics/licence';
import { licenceFacts } from '../../../src/lib/licence/facts';
import { AS_OF, ago } from './fixtures';

const repo = (licenseSpdx: string | null, publiccode: Record<string, unknown> | null = null, licenseFileSpdx: string | null = null) => ({
  licenseSpdx,
  publiccode,
  licenseFileSpdx
});

describe('licence (Lizenz)', () => {
  it('forge first, then publiccode.yml, then the LICENSE file', () => {
    expect(licence([repo('MIT', { legal: { license: 'EUPL-1.2' } }, 'GPL-3.0-only')], [], AS_OF).source).toBe('forge');
    expect(licence([repo('NOASSERTION', { legal: { license: 'EUPL-1.2' } }, 'GPL-3.0-only')], [], AS_OF)).toMatchObject({
      spdx: 'EUPL-1.2',
      source: 'publiccode'
    });
    expect(licence([repo(null, null, 'GPL-3.0-only')], [], AS_OF)).toMatchObject({ spdx: 'GPL-3.0-only', source: 'file' });
    expect(licence([repo(null)], [], AS_OF)).toMatchObject({ spdx: null, source: null, osiApproved: null, copyleft: null });
  });

  it('a forge’s deprecated GNU id gives way to a source that says -only or -or-later, else says it cannot tell', () => {
    expect(licence([repo('GPL-3.0', null, 'GPL-3.0-or-later')], [], AS_OF)).toMatchObject({ spdx: 'GPL-3.0-or-later', source: 'file' });
    expect(licence([repo('LGPL-2.1', { legal: { license: 'LGPL-2.1-only' } })], [], AS_OF)).toMatchObject({
      spdx: 'LGPL-2.1-only',
      source: 'publiccode'
    });
    expect(licence([repo('GPL-3.0')], [], AS_OF, licenceFacts)).toMatchObject({
      spdx: 'LicenseRef-allmende-GPL-3.0-unspecified',
      source: 'forge',
      copyleft: 'strong'
    });
    // Another family is no refinement: the forge's answer stays (vague).
    expect(licence([repo('GPL-3.0', null, 'MIT')], [], AS_OF).spdx).toBe('LicenseRef-allmende-GPL-3.0-unspecified');
  });

  it('OSI, FSF and copyleft from the licence table', () => {
    const l = licence([repo('EUPL-1.2')], [], AS_OF, licenceFacts);
    expect(l).toMatchObject({ spdx: 'EUPL-1.2', osiApproved: true, fsfLibre: true, copyleft: 'strong' });
    expect(licence([repo('MIT')], [], AS_OF, licenceFacts).copyleft).toBe('permissive');
  });

  it('a changed licence file is a change; unrecognised versions and mirror copies are not', () => {
    const v = (commitHash: string, days: number, spdx: string | null, repositoryId = 1) => ({
      repositoryId,
      commitHash,
      committedAt: ago(days),
      path: 'LICENSE',
      spdx
    });
    const history = [
      v('a', 900, 'GPL-3.0-only'),
      v('b', 500, null),
      v('c', 300, 'GPL-3.0-only'),
      v('d', 200, 'MIT'),
      v('d', 200, 'MIT', 2),
      v('e', -5, 'Apache-2.0')
    ];
    expect(licenceChanges(history, AS_OF)).toEqual([{ date: '2026-05-07', from: 'GPL-3.0-only', to: 'MIT', commit: 'd' }]);
  });
});
