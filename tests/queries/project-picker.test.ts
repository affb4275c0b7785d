/**
 * The Beschaffungs-Check's picker fields (src/lib/server/procurement.ts resolvePickedField): what
 * was typed names one project when an id, a name or a label „Name (Eigentümer)“ fits exactly one,
 * or the one project containing the text; otherwise the field offers what fits. The list of all
 * projects is offered only in catalogs small enough to list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { PICKER_SUGGESTIONS, resolvePickedField } from '../../src/lib/server/procurement';
import { getProjectChoices } from '../../src/queries/getProjectChoices';
import { tempData, type TempData } from '../helpers/db';

let data: TempData;

const project = (id: string, name: string, owner: string) =>
  `  - {id: ${id}, name: "${name}", owner: ${owner}, repositories: ["git:/x/${id}"]}\n`;

beforeAll(() => {
  data = tempData();
  const many = Array.from({ length: 12 }, (_, i) => project(`fachverfahren-${i + 1}`, `Fachverfahren ${i + 1}`, 'ulm')).join('');
  syncCatalog(
    data.db,
    parseCatalog(
      `organisations:\n  - {id: ulm, name: Stadt Ulm, kind: municipality}\n  - {id: jena, name: Stadt Jena, kind: municipality}\nprojects:\n` +
        project('terminbuchung', 'Terminbuchung', 'ulm') +
        project('terminbuchung-jena', 'Terminbuchung', 'jena') +
        project('ratsinfo', 'Ratsinformationssystem', 'jena') +
        project('ratsinfo-ulm', 'Ratsinformationssystem', 'ulm') +
        project('prozent', '100% Open Data', 'jena') +
        many
    )
  );
});

afterAll(() => data?.cleanup());

const pick = (text: string) => {
  const f = resolvePickedField(data.db, text);
  return { id: f.id, suggestions: f.suggestions.map((s) => s.id) };
};

describe('a picker field', () => {
  it('names the project of an id, whatever its case', () => {
    expect(pick('terminbuchung-jena')).toEqual({ id: 'terminbuchung-jena', suggestions: [] });
    expect(pick('RATSINFO')).toEqual({ id: 'ratsinfo', suggestions: [] });
  });

  it('names the project of a label „Name (Eigentümer)“, as the list offers it', () => {
    expect(pick('Terminbuchung (Stadt Jena)')).toEqual({ id: 'terminbuchung-jena', suggestions: [] });
    expect(pick('Terminbuchung (Stadt Ulm)')).toEqual({ id: 'terminbuchung', suggestions: [] });
  });

  it('prefers the id to a name, and offers both projects of a name two owners use', () => {
    expect(pick('Terminbuchung')).toEqual({ id: 'terminbuchung', suggestions: [] });
    expect(pick('Ratsinformationssystem')).toEqual({ id: null, suggestions: ['ratsinfo', 'ratsinfo-ulm'] });
    expect(pick('ratsinformationssystem (stadt ulm)')).toEqual({ id: 'ratsinfo-ulm', suggestions: [] });
  });

  it('names the one project containing the text, and offers at most a few of many', () => {
    expect(pick('Fachverfahren 12')).toEqual({ id: 'fachverfahren-12', suggestions: [] });
    expect(pick('Termin')).toEqual({ id: null, suggestions: ['terminbuchung', 'terminbuchung-jena'] });
    const many = pick('Fachverfahren');
    expect(many.id).toBeNull();
    expect(many.suggestions).toHaveLength(PICKER_SUGGESTIONS);
  });

  it('takes LIKE wildcards literally and names nothing for an unknown text', () => {
    expect(pick('100%')).toEqual({ id: 'prozent', suggestions: [] });
    expect(pick('%')).toEqual({ id: 'prozent', suggestions: [] });
    expect(pick('_')).toEqual({ id: null, suggestions: [] });
    expect(pick('Kläranlage')).toEqual({ id: null, suggestions: [] });
  });
});

describe('the list of all projects', () => {
  it('is offered by name up to its limit, and not at all above it', () => {
    expect(
      getProjectChoices(data.db, 17)
        ?.map((c) => c.id)
        .slice(0, 3)
    ).toEqual(['prozent', 'fachverfahren-1', 'fachverfahren-2']);
    expect(getProjectChoices(data.db, 16)).toBeNull();
  });
});
