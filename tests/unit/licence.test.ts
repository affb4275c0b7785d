import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { detectLicence, normaliseLicenceText } from '../../src/lib/licence/detect';
import { licenceFacts, parseSpdxExpression, sameLicence } from '../../src/lib/licence/facts';
import { licenceChanges } from '../../src/lib/metrics/licence';

/** Verbatim licence texts (Debian's /usr/share/common-licenses and npm packages' LICENSE files). */
const text = (file: string) => readFileSync(new URL(`./licence-texts/${file}`, import.meta.url), 'utf8');

const MIT = `MIT License

Copyright (c) 2024 Stadt Ulm

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY.
`;

const EUPL_12 = `                      EUROPEAN UNION PUBLIC LICENCE v. 1.2
                      EUPL © the European Union 2007, 2016

This European Union Public Licence (the ‘EUPL’) applies to the Work (as defined
below) which is provided under the terms of this Licence. Any use of the Work,
other than as authorised under this Licence is prohibited (to the extent such
use is covered by a right of the copyright holder of the Work).

Appendix

‘Compatible Licences’ according to Article 5 EUPL are:

- GNU General Public License (GPL) v. 2, v. 3
- GNU Affero General Public License (AGPL) v. 3
- Open Software License (OSL) v. 2.1, v. 3.0
- Eclipse Public License (EPL) v. 1.0
- CeCILL v. 2.0, v. 2.1
- Mozilla Public Licence (MPL) v. 2
- GNU Lesser General Public Licence (LGPL) v. 2.1, v. 3
- European Union Public Licence (EUPL) v. 1.1, v. 1.2
`;

const EUPL_12_DE = `OPEN-SOURCE-LIZENZ FÜR DIE EUROPÄISCHE UNION v. 1.2
EUPL © Europäische Union 2007, 2016

Diese Open-Source-Lizenz für die Europäische Union („EUPL") gilt für Werke (im
Sinne der nachfolgenden Begriffsbestimmung), die unter EUPL-Bedingungen zur
Verfügung gestellt werden.
`;

const EUPL_11 = `European Union Public Licence
V. 1.1

EUPL © the European Community 2007

This European Union Public Licence (the "EUPL") applies to the Work or Software
(as defined below) which is provided under the terms of this Licence.
`;

const AGPL_3 = `                    GNU AFFERO GENERAL PUBLIC LICENSE
                       Version 3, 19 November 2007

 Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>
 Everyone is permitted to copy and distribute verbatim copies
 of this license document, but changing it is not allowed.

                            Preamble

  The GNU Affero General Public License is a free, copyleft license for
software and other kinds of works, specifically designed to ensure
cooperation with the community in the case of network server software.

                       TERMS AND CONDITIONS

  13. Remote Network Interaction; Use with the GNU General Public License.
  ... under version 3 of the GNU General Public License into a single ...
    This program is free software: you can redistribute it and/or modify
    it under the terms of the GNU Affero General Public License as published
    by the Free Software Foundation, either version 3 of the License, or
    (at your option) any later version.
`;

const UNLICENSE = `This is free and unencumbered software released into the public domain.

Anyone is free to copy, modify, publish, use, compile, sell, or
distribute this software, either in source code form or as a compiled
binary, for any purpose, commercial or non-commercial, and by any
means.
`;

describe('detectLicence: full texts', () => {
  it.each([
    ['Apache-2.0.txt', 'Apache-2.0'],
    ['BSD.txt', 'BSD-3-Clause'],
    ['BSD-2-Clause.txt', 'BSD-2-Clause'],
    ['CC0-1.0.txt', 'CC0-1.0'],
    // A GNU full text does not say -only or -or-later: the result says so.
    ['GPL-2.txt', 'LicenseRef-allmende-GPL-2.0-unspecified'],
    ['GPL-3.txt', 'LicenseRef-allmende-GPL-3.0-unspecified'],
    ['LGPL-2.txt', 'LicenseRef-allmende-LGPL-2.0-unspecified'],
    ['LGPL-2.1.txt', 'LicenseRef-allmende-LGPL-2.1-unspecified'],
    ['LGPL-3.txt', 'LicenseRef-allmende-LGPL-3.0-unspecified'],
    ['MPL-1.1.txt', 'MPL-1.1'],
    ['MPL-2.0.txt', 'MPL-2.0'],
    ['ISC.txt', 'ISC']
  ])('%s → %s', (file, id) => expect(detectLicence(text(file))).toBe(id));

  it.each([
    ['MIT', MIT, 'MIT'],
    ['EUPL-1.2 (English, listing other licences in its appendix)', EUPL_12, 'EUPL-1.2'],
    ['EUPL-1.2 (German)', EUPL_12_DE, 'EUPL-1.2'],
    ['EUPL-1.1', EUPL_11, 'EUPL-1.1'],
    ['AGPL-3.0 (which names the GPL)', AGPL_3, 'LicenseRef-allmende-AGPL-3.0-unspecified'],
    ['Unlicense', UNLICENSE, 'Unlicense']
  ])('%s', (_label, licence, id) => expect(detectLicence(licence)).toBe(id));

  it('tells MIT-0 and 0BSD from MIT and ISC', () => {
    // MIT-0 as published: no conditions at all.
    const mit0 = MIT.replace(/The above copyright notice[\s\S]*?Software\.\n/, '').replace(/,\s*subject to the following conditions:/, '.');
    expect(detectLicence(mit0)).toBe('MIT-0');
    // An MIT text cut short after "subject to the following conditions:" is still MIT.
    expect(detectLicence(MIT.slice(0, MIT.indexOf('following conditions:') + 'following conditions:'.length))).toBe('MIT');
    expect(
      detectLicence(
        text('ISC.txt').replace(/, provided that the above\ncopyright notice and this permission notice appear in all copies/, '')
      )
    ).toBe('0BSD');
  });

  it('is robust to whitespace, line breaks, comment markers, Markdown and CRLF', () => {
    const reflowed = MIT.replace(/\s+/g, ' ');
    expect(detectLicence(reflowed)).toBe('MIT');
    const commented = MIT.split('\n')
      .map((line) => ` * ${line}`)
      .join('\n');
    expect(detectLicence(`/*\n${commented}\n */`)).toBe('MIT');
    expect(detectLicence(`# MIT License\n\n**${MIT.replace(/\n/g, '\r\n')}**`)).toBe('MIT');
    expect(detectLicence(text('GPL-3.txt').replace(/\n/g, '\r\n').replace(/ {2,}/g, '\t'))).toBe('LicenseRef-allmende-GPL-3.0-unspecified');
    expect(detectLicence(MIT.replace(/"/g, '“'))).toBe('MIT');
  });

  it('BSD-4-Clause by its advertising clause', () => {
    const bsd4 = text('BSD.txt').replace(
      '3. Neither the name',
      '3. All advertising materials mentioning features or use of this software\n   must display the following acknowledgement.\n4. Neither the name'
    );
    // Debian's BSD text is the University of California's: its 4-clause form is BSD-4-Clause-UC.
    expect(detectLicence(bsd4)).toBe('BSD-4-Clause-UC');
  });
});

describe('detectLicence: notices', () => {
  it.each([
    ['Licensed under the Apache License, Version 2.0 (the "License");', 'Apache-2.0'],
    ['This project is licensed under the terms of the MIT license.', 'MIT'],
    ['Lizenziert unter der EUPL v1.2', 'EUPL-1.2'],
    ['Licensed under the EUPL-1.2 or later', 'EUPL-1.2'],
    [
      'This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.',
      'GPL-3.0-or-later'
    ],
    [
      'This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License version 2 as published by the Free Software Foundation.',
      'GPL-2.0-only'
    ],
    ['Released under the GNU Lesser General Public License v2.1 or later.', 'LGPL-2.1-or-later'],
    ['This library is licensed under the GNU Library General Public License version 2.', 'LGPL-2.0-only'],
    [
      'Dieses Programm steht unter der GNU Affero General Public License, Version 3 oder (nach Ihrer Wahl) jeder späteren Version.',
      'AGPL-3.0-or-later'
    ],
    ['License: AGPLv3', 'LicenseRef-allmende-AGPL-3.0-unspecified'],
    ['License: AGPLv3 only', 'AGPL-3.0-only'],
    ['License: GPL-3.0-or-later', 'GPL-3.0-or-later'],
    ['This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.', 'MPL-2.0'],
    ['Distributed under the Boost Software License, Version 1.0.', 'BSL-1.0'],
    ['This project is licensed under the BSD 3-Clause License.', 'BSD-3-Clause']
  ])('%s → %s', (notice, id) => expect(detectLicence(notice)).toBe(id));

  it('takes an SPDX-License-Identifier line as it stands, in SPDX spelling', () => {
    expect(detectLicence('/* SPDX-License-Identifier: eupl-1.2 */')).toBe('EUPL-1.2');
    expect(detectLicence('# SPDX-License-Identifier: MIT OR Apache-2.0\n')).toBe('MIT OR Apache-2.0');
    expect(detectLicence('// SPDX-License-Identifier: GPL-2.0+\n')).toBe('GPL-2.0-or-later');
  });

  it('prefers the licence named first', () => {
    expect(detectLicence(`${MIT}\n\nThird-party code: Licensed under the Apache License, Version 2.0`)).toBe('MIT');
    expect(detectLicence(`Licensed under the EUPL v1.2.\n\n${text('GPL-3.txt')}`)).toBe('EUPL-1.2');
  });

  it('returns null for unknown or empty text and binary data', () => {
    expect(detectLicence('')).toBeNull();
    expect(detectLicence('All rights reserved. Alle Rechte vorbehalten.')).toBeNull();
    expect(detectLicence('Proprietary licence of Firma GmbH')).toBeNull();
    expect(detectLicence('MIT\0\0\0')).toBeNull();
  });
});

describe('licenceFacts', () => {
  it.each([
    ['MIT', 'MIT License', true, true, 'permissive'],
    ['Apache-2.0', 'Apache License 2.0', true, true, 'permissive'],
    ['EUPL-1.1', 'European Union Public License 1.1', true, true, 'strong'],
    ['EUPL-1.2', 'European Union Public License 1.2', true, true, 'strong'],
    ['GPL-2.0', 'GNU General Public License v2.0', true, true, 'strong'],
    ['GPL-3.0-only', 'GNU General Public License v3.0 only', true, true, 'strong'],
    ['AGPL-3.0-or-later', 'GNU Affero General Public License v3.0 or later', true, true, 'strong'],
    ['LGPL-2.1-only', 'GNU Lesser General Public License v2.1 only', true, true, 'weak'],
    ['LGPL-3.0-or-later', 'GNU Lesser General Public License v3.0 or later', true, true, 'weak'],
    ['MPL-2.0', 'Mozilla Public License 2.0', true, true, 'weak'],
    ['BSD-2-Clause', 'BSD 2-Clause "Simplified" License', true, true, 'permissive'],
    ['BSD-3-Clause', 'BSD 3-Clause "New" or "Revised" License', true, true, 'permissive'],
    ['ISC', 'ISC License', true, true, 'permissive'],
    ['Unlicense', 'The Unlicense', true, true, 'permissive'],
    ['CC0-1.0', 'Creative Commons Zero v1.0 Universal', false, true, 'permissive'],
    ['0BSD', 'BSD Zero Clause License', true, false, 'permissive'],
    ['DL-DE-BY-2.0', 'Data licence Germany – attribution – version 2.0', false, false, 'permissive']
  ])('%s', (spdx, name, osiApproved, fsfLibre, copyleft) => {
    expect(licenceFacts(spdx)).toEqual({ spdx, name, osiApproved, fsfLibre, copyleft });
  });

  it('maps the GNU suffixes and deprecated ids, case-insensitively', () => {
    expect(licenceFacts('gpl-3.0+')).toMatchObject({
      spdx: 'GPL-3.0-or-later',
      name: 'GNU General Public License v3.0 or later',
      copyleft: 'strong'
    });
    expect(licenceFacts('GPL-3.0-or-later')?.spdx).toBe('GPL-3.0-or-later');
    expect(licenceFacts('LGPL-2.1+')?.spdx).toBe('LGPL-2.1-or-later');
    expect(licenceFacts('AGPL-3.0')).toMatchObject({ spdx: 'AGPL-3.0', copyleft: 'strong' });
    expect(licenceFacts('mit')?.spdx).toBe('MIT');
    expect(licenceFacts('eupl-1.2')?.spdx).toBe('EUPL-1.2');
  });

  it('combines OR: the most permissive choice counts', () => {
    expect(licenceFacts('MIT OR Apache-2.0')).toEqual({
      spdx: 'MIT OR Apache-2.0',
      name: 'MIT License oder Apache License 2.0',
      osiApproved: true,
      fsfLibre: true,
      copyleft: 'permissive'
    });
    expect(licenceFacts('GPL-2.0-only OR MPL-2.0')?.copyleft).toBe('weak');
    expect(licenceFacts('EUPL-1.2 OR LicenseRef-Intern')).toMatchObject({ osiApproved: true, copyleft: null });
    expect(licenceFacts('MIT OR LicenseRef-Intern')).toMatchObject({ osiApproved: true, copyleft: 'permissive' });
  });

  it('combines AND: the strongest copyleft counts, all must be approved', () => {
    expect(licenceFacts('MIT AND GPL-3.0-or-later')).toMatchObject({
      spdx: 'MIT AND GPL-3.0-or-later',
      copyleft: 'strong',
      osiApproved: true
    });
    expect(licenceFacts('MIT AND CC0-1.0')).toMatchObject({ osiApproved: false, fsfLibre: true, copyleft: 'permissive' });
    expect(licenceFacts('(MIT OR GPL-3.0-only) AND LGPL-2.1-only')).toMatchObject({
      spdx: '(MIT OR GPL-3.0-only) AND LGPL-2.1-only',
      copyleft: 'weak'
    });
  });

  it('handles WITH exceptions', () => {
    expect(licenceFacts('GPL-2.0-only WITH Classpath-exception-2.0')).toMatchObject({
      spdx: 'GPL-2.0-only WITH Classpath-exception-2.0',
      copyleft: 'weak',
      osiApproved: true
    });
    expect(licenceFacts('Apache-2.0 WITH LLVM-exception')?.copyleft).toBe('permissive');
  });

  it('gives null facts for unknown licences and null for no licence', () => {
    expect(licenceFacts('LicenseRef-Stadt-Ulm')).toEqual({
      spdx: 'LicenseRef-Stadt-Ulm',
      name: 'LicenseRef-Stadt-Ulm',
      osiApproved: null,
      fsfLibre: null,
      copyleft: null
    });
    for (const none of ['', 'NOASSERTION', 'NONE', 'other', null, undefined]) expect(licenceFacts(none)).toBeNull();
    for (const bad of ['MIT OR', 'AND MIT', '(MIT', 'MIT)', 'MIT WITH', 'Dies ist keine Lizenz!']) expect(licenceFacts(bad)).toBeNull();
  });

  it('parses expression precedence: WITH before AND before OR', () => {
    expect(parseSpdxExpression('A OR B AND C')).toEqual({
      kind: 'or',
      parts: [
        { kind: 'id', id: 'A' },
        {
          kind: 'and',
          parts: [
            { kind: 'id', id: 'B' },
            { kind: 'id', id: 'C' }
          ]
        }
      ]
    });
    expect(parseSpdxExpression('A WITH X AND B')).toEqual({
      kind: 'and',
      parts: [
        { kind: 'with', id: 'A', exception: 'X' },
        { kind: 'id', id: 'B' }
      ]
    });
    expect(parseSpdxExpression('MIT/Apache-2.0')).toEqual({
      kind: 'or',
      parts: [
        { kind: 'id', id: 'MIT' },
        { kind: 'id', id: 'Apache-2.0' }
      ]
    });
  });
});

// ─── The texts of the SPDX License List (npm spdx-license-list), as they are, without title, rewrapped ───

const require = createRequire(import.meta.url);
const SPDX_TEXTS = require('spdx-license-list/full') as Record<string, { osiApproved: boolean; licenseText: string }>;
const DEPRECATED: string[] = require('spdx-license-ids/deprecated.json');
const EUROPEAN = ['EUPL-1.0', 'EUPL-1.1', 'EUPL-1.2', 'DL-DE-BY-2.0', 'DL-DE-ZERO-2.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0'];
const COVERED = Object.keys(SPDX_TEXTS)
  .filter((id) => (SPDX_TEXTS[id].osiApproved || EUROPEAN.includes(id)) && !DEPRECATED.includes(id) && !id.endsWith('+'))
  .sort();

/** Ids whose SPDX text is word for word another id's text (MPL-2.0 and its no-copyleft-exception form …). */
function sameText(a: string, b: string): boolean {
  const words = (id: string) => normaliseLicenceText(SPDX_TEXTS[id]?.licenseText ?? id);
  return words(a) === words(b);
}

function accepted(id: string, got: string | null): boolean {
  if (got === null) return false;
  const gnu = /^((?:A|L)?GPL-\d\.\d)-(?:only|or-later)$/.exec(id);
  if (gnu) return got === `LicenseRef-allmende-${gnu[1]}-unspecified`;
  return got === id || sameText(id, got);
}

const VARIANTS: [string, (t: string) => string][] = [
  ['as published', (t) => t],
  ['without its title line', (t) => t.replace(/^\s*[^\n]*\n/, '')],
  ['rewrapped to 60 columns', (t) => t.replace(/\s+/g, ' ').replace(/(.{1,60})(\s|$)/g, '$1\n')]
];

describe('detectLicence on the SPDX texts of the OSI-approved and the European licences', () => {
  it('covers them', () => {
    expect(COVERED.length).toBeGreaterThan(130);
    for (const id of EUROPEAN) expect(COVERED).toContain(id);
  });

  it.each(VARIANTS)('recognises nearly all of them %s', (_label, variant) => {
    const wrong = COVERED.filter((id) => !accepted(id, detectLicence(variant(SPDX_TEXTS[id].licenseText))));
    // Jam (four lines) has too few words left without its title.
    expect(wrong.filter((id) => id !== 'Jam')).toEqual([]);
  });

  it.each([
    ['EUPL-1.0', 'EUPL-1.0'],
    ['CECILL-2.1', 'CECILL-2.1'],
    ['ISC', 'ISC'],
    ['0BSD', '0BSD'],
    ['MIT-0', 'MIT-0'],
    ['MIT', 'MIT'],
    ['CC-BY-4.0', 'CC-BY-4.0'],
    ['CC-BY-SA-4.0', 'CC-BY-SA-4.0'],
    ['DL-DE-BY-2.0', 'DL-DE-BY-2.0'],
    ['DL-DE-ZERO-2.0', 'DL-DE-ZERO-2.0'],
    ['EPL-2.0', 'EPL-2.0'],
    ['MPL-2.0', 'MPL-2.0'],
    ['LGPL-2.1-only', 'LicenseRef-allmende-LGPL-2.1-unspecified']
  ])('no confusion: %s without title → %s', (id, expected) => {
    expect(detectLicence(SPDX_TEXTS[id].licenseText.replace(/^\s*[^\n]*\n/, ''))).toBe(expected);
  });

  it('never returns a deprecated id', () => {
    for (const id of ['GPL-2.0-only', 'GPL-3.0-only', 'LGPL-3.0-only', 'AGPL-3.0-only']) {
      const got = detectLicence(SPDX_TEXTS[id].licenseText) ?? '';
      expect(DEPRECATED).not.toContain(got);
      expect(got).toMatch(/^LicenseRef-allmende-[A-Z]+-\d\.\d-unspecified$/);
    }
  });

  it('reads the project notice above a GNU text for -only or -or-later', () => {
    const notice =
      'This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.\n\n';
    expect(detectLicence(notice + SPDX_TEXTS['GPL-3.0-only'].licenseText)).toBe('GPL-3.0-or-later');
  });
});

describe('detectLicence: texts that change a licence’s conditions are “abgewandelt”', () => {
  it.each([
    ['MIT', `${MIT}\nThe Software may not be used for commercial purposes.\n`],
    ['MIT', MIT.replace('to any person obtaining a copy', 'to any person obtaining a copy, for non-commercial use only,')],
    ['BSD-3-Clause', `${text('BSD.txt')}\n4. The software must not be distributed through app stores.\n`],
    ['Apache-2.0', `${text('Apache-2.0.txt')}\nZusatz: Eine kommerzielle Nutzung ist untersagt.\n`]
  ])('%s with added restrictions', (id, licence) => {
    expect(detectLicence(licence)).toBe(`LicenseRef-allmende-modified-${id}`);
    expect(licenceFacts(`LicenseRef-allmende-modified-${id}`)).toMatchObject({ osiApproved: false, copyleft: null });
  });

  it('a copyright line, a title or an appendix is no change of conditions', () => {
    expect(detectLicence(`# MIT License\n\nCopyright (c) 2024 Landeshauptstadt München, Referat für IT\n\n${MIT}`)).toBe('MIT');
    expect(detectLicence(`${text('Apache-2.0.txt')}\n\nThis project bundles fonts; see NOTICE.\n`)).toBe('Apache-2.0');
  });
});

describe('allmende licence references and licence changes', () => {
  it('gives the GNU family facts to an unspecified GNU text', () => {
    expect(licenceFacts('LicenseRef-allmende-GPL-3.0-unspecified')).toMatchObject({
      spdx: 'LicenseRef-allmende-GPL-3.0-unspecified',
      osiApproved: true,
      copyleft: 'strong'
    });
    expect(licenceFacts('LicenseRef-allmende-LGPL-3.0-unspecified')?.copyleft).toBe('weak');
    expect(licenceFacts('LicenseRef-allmende-other--LICENSE.md')?.name).toBe('andere Lizenz (nicht erkannt, Datei LICENSE.md)');
  });

  it('names any SPDX id from the SPDX list', () => {
    expect(licenceFacts('CECILL-2.1')).toMatchObject({ name: 'CeCILL Free Software License Agreement v2.1', osiApproved: true });
    expect(licenceFacts('Zed')).toMatchObject({ spdx: 'Zed', name: 'Zed License' });
  });

  it('treats a new notice style of the same licence as no change', () => {
    expect(sameLicence('LicenseRef-allmende-GPL-3.0-unspecified', 'GPL-3.0-or-later')).toBe(true);
    expect(sameLicence('GPL-3.0-only', 'LicenseRef-allmende-GPL-3.0-unspecified')).toBe(true);
    expect(sameLicence('GPL-3.0', 'GPL-3.0-or-later')).toBe(true);
    expect(sameLicence('mit', 'MIT')).toBe(true);
    expect(sameLicence('GPL-3.0-only', 'GPL-3.0-or-later')).toBe(false);
    expect(sameLicence('LicenseRef-allmende-GPL-3.0-unspecified', 'LicenseRef-allmende-GPL-2.0-unspecified')).toBe(false);
    expect(sameLicence('MIT', 'LicenseRef-allmende-modified-MIT')).toBe(false);
    const history = [
      { repositoryId: 1, commitHash: 'a', committedAt: 1_600_000_000, path: 'COPYING', spdx: 'LicenseRef-allmende-GPL-3.0-unspecified' },
      { repositoryId: 1, commitHash: 'b', committedAt: 1_650_000_000, path: 'COPYING', spdx: 'GPL-3.0-or-later' },
      { repositoryId: 1, commitHash: 'c', committedAt: 1_690_000_000, path: 'COPYING', spdx: 'EUPL-1.2' }
    ];
    expect(licenceChanges(history, '2024-01-01').map((c) => [c.from, c.to])).toEqual([['GPL-3.0-or-later', 'EUPL-1.2']]);
  });
});
