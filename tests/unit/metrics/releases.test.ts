import { describe, expect, it } from 'vitest';
import { releaseFigures, releaseHistory, VERSION_TAG } from '../../../src/lib/metrics/releases';
import { AS_OF, ago, release, tag } from './fixtures';

describe('releases (Veröffentlichungen)', () => {
  it('version tags look like v?\\d+(\\.\\d+)+', () => {
    for (const ok of ['1.0', 'v2.0.1', '10.20.30']) expect(VERSION_TAG.test(ok)).toBe(true);
    for (const no of ['v1', 'release-1.0', '1.0-rc1', 'latest', 'v1.0.0-beta']) expect(VERSION_TAG.test(no)).toBe(false);
  });

  it('forge releases win over tags', () => {
    const r = releaseFigures([release('v2.0', ago(10), 'Version 2.0')], [tag('v3.0', ago(1))], AS_OF);
    expect(r.source).toBe('release');
    expect(r.last).toEqual({ name: 'Version 2.0', date: '2026-11-13', source: 'release' });
    expect(r.daysSinceLast).toBe(10);
  });

  it('counts releases by tag, not by their (often repeated) title', () => {
    const same = [
      release('v1.0.0', ago(300), 'Neue Version'),
      release('v1.1.0', ago(150), 'Neue Version'),
      release('v1.2.0', ago(44), 'Neue Version')
    ];
    const r = releaseFigures(same, [], AS_OF);
    expect(r.count).toBe(3);
    expect(r.daysSinceLast).toBe(44);
  });

  it('a capped release list (GitHub lists the first 1,000) is completed by the version tags', () => {
    const listed = [release('v3.0', ago(5)), release('v2.0', ago(50))];
    const tags = [tag('v3.0', ago(5)), tag('v2.0', ago(50)), tag('v1.0', ago(900)), tag('nightly', ago(1))];
    expect(releaseHistory(listed, tags).releases.map((e) => e.tag)).toEqual(['v2.0', 'v3.0']);
    expect(releaseHistory(listed, tags, { releasesCapped: true }).releases.map((e) => e.tag)).toEqual(['v1.0', 'v2.0', 'v3.0']);
    const figures = releaseFigures(listed, tags, AS_OF, { history: releaseHistory(listed, tags, { releasesCapped: true }) });
    expect(figures.total).toBe(3);
  });

  it('else version tags; mirrors carry the same tag once', () => {
    const r = releaseFigures([], [tag('v1.0', ago(400)), tag('v1.1', ago(100)), tag('v1.1', ago(100)), tag('nightly', ago(1))], AS_OF, {
      firstCommitAt: ago(1000)
    });
    expect(r.source).toBe('tag');
    expect(r.count).toBe(1);
    expect(r.total).toBe(2);
    expect(r.daysSinceLast).toBe(100);
    expect(r.perYear).toBe(0.7); // 2 in the last 3 years
  });

  it('nothing released: zero in the window, no days since', () => {
    const r = releaseFigures([], [], AS_OF, { firstCommitAt: ago(100) });
    expect(r).toMatchObject({ source: null, count: 0, daysSinceLast: null, perYear: 0, last: null });
    expect(releaseFigures([], [], AS_OF).perYear).toBeNull();
  });

  it('releases after asOf are not seen', () => {
    const r = releaseFigures([release('v1.0', ago(-3))], [tag('v0.9', ago(30))], AS_OF);
    expect(r.source).toBe('tag');
    expect(r.last?.name).toBe('v0.9');
  });
});
