import { describe, expect, it } from 'vitest';
import { ApiQueryError, DEFAULT_LIMIT, MAX_BYTES, MAX_LIMIT, withinBudget } from '../../src/lib/server/api-paging';
import { evidenceCursor, parseReuseApiQuery } from '../../src/lib/server/reuse-api';

const parse = (query: string) => parseReuseApiQuery(new URLSearchParams(query));

describe('/api/reuse parameters', () => {
  it('defaults to the first 100 rows without filters', () => {
    expect(parse('')).toEqual({
      limit: DEFAULT_LIMIT,
      after: null,
      filters: { projectId: null, organisationId: null, region: null, organisationKind: null, kind: null, strength: null }
    });
  });

  it('reads the filters by the names of the fields', () => {
    expect(
      parse('project=termin&organisation=ulm&region=DE-BW&organisationKind=county&kind=fork&strength=beobachtet&limit=1000').filters
    ).toEqual({
      projectId: 'termin',
      organisationId: 'ulm',
      region: 'DE-BW',
      organisationKind: 'county',
      kind: 'fork',
      strength: 'beobachtet'
    });
    expect(parse(`strength=${encodeURIComponent('erklärt')}`).filters.strength).toBe('erklärt');
  });

  it('refuses limits outside 1–1000 and unknown values, naming the parameter', () => {
    for (const [query, name] of [
      ['limit=0', 'limit'],
      [`limit=${MAX_LIMIT + 1}`, 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=viele', 'limit'],
      ['strength=sicher', 'strength'],
      ['kind=gerücht', 'kind'],
      ['organisationKind=verein', 'organisationKind'],
      ['cursor=%%%', 'cursor']
    ]) {
      expect(() => parse(query), query).toThrow(ApiQueryError);
      expect(() => parse(query), query).toThrow(new RegExp(`^${name} `));
    }
  });

  it('passes the cursor on opaquely and reads back the key it encodes', () => {
    const key = { projectId: 'projekt/ä b', position: 41 };
    const cursor = evidenceCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parse(`cursor=${cursor}`).after).toEqual(key);
    for (const bad of [Buffer.from('[1,2]').toString('base64url'), Buffer.from('["a",-1]').toString('base64url'), 'bm9wZQ', '%%%'])
      expect(() => parse(`cursor=${bad}`), bad).toThrow(ApiQueryError);
  });
});

describe('withinBudget', () => {
  const keyOf = (r: { projectId: string; position: number }) => ({ projectId: r.projectId, position: r.position });
  const row = (i: number, size: number) => ({ projectId: `p${String(i).padStart(4, '0')}`, position: i, detail: 'x'.repeat(size) });

  it('keeps all rows below the budget and the next key as it was', () => {
    const rows = [row(1, 10), row(2, 10)];
    expect(withinBudget(rows, { projectId: 'p0002', position: 2 }, keyOf)).toEqual({ rows, next: { projectId: 'p0002', position: 2 } });
    expect(withinBudget(rows, null, keyOf)).toEqual({ rows, next: null });
  });

  it('leaves the rows beyond 1 MB to the next page, going on after the last one kept', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i, 300_000));
    const { rows: kept, next } = withinBudget(rows, null, keyOf);
    expect(kept.length).toBe(3);
    expect(kept.reduce((n, r) => n + JSON.stringify(r).length, 0)).toBeLessThanOrEqual(MAX_BYTES);
    expect(next).toEqual({ projectId: 'p0002', position: 2 });
  });

  it('always answers at least one row', () => {
    const huge = [row(1, 2 * MAX_BYTES), row(2, 10)];
    expect(withinBudget(huge, null, keyOf)).toEqual({ rows: [huge[0]], next: { projectId: 'p0001', position: 1 } });
  });
});
