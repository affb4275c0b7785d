/** getProjectRepositories (Steckbrief, „publiccode.yml“ and „Repositories und Datenstand“): the publiccode.yml state per repository. */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { repositories } from '../../db/schema';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { getProjectRepositories } from '../../src/queries/getProjectRepositories';
import { publiccodeProblems } from '../../src/lib/reportText';
import { tempData, type TempData } from '../helpers/db';

let data: TempData;
afterEach(() => data?.cleanup());

describe('getProjectRepositories', () => {
  it('gives the notices a valid publiccode.yml was read with and the error of an invalid one', () => {
    data = tempData();
    syncCatalog(
      data.db,
      parseCatalog(
        `projects:\n  - {id: demo, name: Demo, repositories: ["git:/srv/git/a.git", "git:/srv/git/b.git", "git:/srv/git/c.git"]}\n`
      )
    );
    const notice =
      'publiccodeYmlVersion (Zeile 1): Version „0.9“ ist unbekannt (bekannt: 0, 0.2); die von allmende genutzten Felder wurden nach Version 0 gelesen';
    const update = (path: string, values: Partial<typeof repositories.$inferInsert>) =>
      data.db.update(repositories).set(values).where(eq(repositories.path, path)).run();
    update('/srv/git/a.git', { hasPubliccode: true, publiccode: { name: 'A', notices: [notice, 42] } });
    update('/srv/git/b.git', {
      hasPubliccode: true,
      publiccodeError:
        'url (Zeile 3): erwartet Text, gefunden die Zahl 42; developmentStatus (Zeile 8): die Zahl 5 ist nicht zulässig (erlaubt: concept; beta)'
    });
    const rows = getProjectRepositories(data.db, 'demo');
    expect(rows.map((r) => [r.path, r.publiccodeNotices])).toEqual([
      ['/srv/git/a.git', [notice]],
      ['/srv/git/b.git', []],
      ['/srv/git/c.git', []]
    ]);
    expect(publiccodeProblems(rows[1].publiccodeError!)).toEqual([
      'url (Zeile 3): erwartet Text, gefunden die Zahl 42',
      'developmentStatus (Zeile 8): die Zahl 5 ist nicht zulässig (erlaubt: concept; beta)'
    ]);
    // A problem's own „; “ (a suggestion) stays with it.
    expect(
      publiccodeProblems(
        'legal.license (Zeile 5): „Apache License 2.0“ ist kein gültiger SPDX-Lizenzausdruck (siehe https://spdx.org/licenses); gemeint ist vielleicht „Apache-2.0“; name fehlt'
      )
    ).toEqual([
      'legal.license (Zeile 5): „Apache License 2.0“ ist kein gültiger SPDX-Lizenzausdruck (siehe https://spdx.org/licenses); gemeint ist vielleicht „Apache-2.0“',
      'name fehlt'
    ]);
  });
});
