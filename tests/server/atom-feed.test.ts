/**
 * The Atom feeds of recorded changes (src/lib/server/atom-feed.ts) parsed as XML with a real parser
 * (fast-xml-parser): the elements RFC 4287 requires, stable entry ids, and forge text that must come
 * out escaped and well-formed (a release name with markup, `&`, `]]>` and control characters).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { changeEntryId, feedResponse, renderChangesFeed, uuidV5 } from '../../src/lib/server/atom-feed';
import type { ChangeRow } from '../../src/queries/changeRows';

const HOSTILE = 'v2 <script>alert(1)</script> & ]]> Ende\u0007\u0000\uFFFE';

const changes: ChangeRow[] = [
  {
    projectId: 'terminbuchung',
    projectName: 'Terminbuchung & Co',
    asOf: '2026-11-23',
    kind: 'release',
    subject: `${HOSTILE}@2026-11-22`,
    date: '2026-11-22',
    detail: { name: HOSTILE, source: 'release', previous: 'v1.0.0' }
  },
  {
    projectId: 'terminbuchung',
    projectName: 'Terminbuchung & Co',
    asOf: '2026-11-23',
    kind: 'lifecycle',
    subject: '',
    date: '2026-11-23',
    detail: { from: 'aktiv', to: 'ruhend' }
  }
];

const render = (rows: ChangeRow[] = changes) =>
  renderChangesFeed({
    origin: 'https://allmende.example.de',
    path: '/feed.atom',
    pagePath: '/',
    title: 'allmende <&> Was hat sich\u0001 geändert',
    subtitle: 'Änderungen',
    changes: rows,
    fallbackUpdated: '2026-11-20',
    withProjectName: true
  });

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });

interface AtomText {
  '#text'?: string;
  '@type'?: string;
}
type Parsed = {
  feed: {
    '@xmlns': string;
    id: string;
    title: string;
    updated: string;
    author: { name: string };
    link: { '@rel': string; '@href': string }[];
    entry?: { id: string; title: AtomText | string; updated: string; link: { '@href': string }[]; content: AtomText | string }[];
  };
};

const text = (value: AtomText | string) => (typeof value === 'string' ? value : (value['#text'] ?? ''));

describe('Atom feed of changes', () => {
  it('is well-formed Atom with the required feed and entry elements', () => {
    const xml = render();
    expect(XMLValidator.validate(xml)).toBe(true);
    // No character XML 1.0 forbids survives.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    const { feed } = parser.parse(xml) as Parsed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://allmende.example.de/feed.atom');
    expect(feed.title).toBe('allmende <&> Was hat sich geändert');
    expect(feed.updated).toBe('2026-11-23T00:00:00.000Z');
    expect(feed.author.name).toBe('allmende');
    expect(feed.link.map((l) => [l['@rel'], l['@href']])).toEqual([
      ['alternate', 'https://allmende.example.de/'],
      ['self', 'https://allmende.example.de/feed.atom']
    ]);
    expect(feed.entry).toHaveLength(2);
    for (const entry of feed.entry!) {
      expect(entry.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(entry.updated).toMatch(/^2026-11-2\dT00:00:00.000Z$/);
      expect(entry.link[0]['@href']).toBe('https://allmende.example.de/projekte/terminbuchung');
      expect(text(entry.title).length).toBeGreaterThan(0);
    }
  });

  it('escapes forge text: markup reaches a feed reader as text, never as markup', () => {
    const xml = render();
    expect(xml).not.toContain('<script');
    const { feed } = parser.parse(xml) as Parsed;
    const release = feed.entry![0];
    expect((release.title as AtomText)['@type']).toBe('html');
    // The title is HTML (type="html"): the release name is escaped inside it, control characters gone.
    expect(text(release.title)).toBe(
      'Terminbuchung &amp; Co: Neue Veröffentlichung v2 &lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; Ende'
    );
    expect(text(release.content)).toContain('v2 &lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; Ende');
    expect(text(feed.entry![1].title)).toBe('Terminbuchung &amp; Co: Zustand jetzt „ruhend“ (vorher „aktiv“)');
  });

  it('entry ids are stable name-based UUIDs of the natural key', () => {
    expect(uuidV5('x')).toBe(uuidV5('x'));
    expect(uuidV5('x')).not.toBe(uuidV5('y'));
    const { feed } = parser.parse(render()) as Parsed;
    expect(feed.entry![0].id).toBe(changeEntryId(changes[0]));
    expect(feed.entry![1].id).toBe(changeEntryId({ projectId: 'terminbuchung', asOf: '2026-11-23', kind: 'lifecycle', subject: '' }));
    const again = parser.parse(render()) as Parsed;
    expect(again.feed.entry!.map((e) => e.id)).toEqual(feed.entry!.map((e) => e.id));
  });

  it('without changes: no entries, updated is the newest snapshot day', () => {
    const xml = render([]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parser.parse(xml) as Parsed;
    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toBe('2026-11-20T00:00:00.000Z');
  });

  it('answers with the Atom media type, an ETag, Last-Modified and 304 for a matching If-None-Match', async () => {
    const body = render();
    const first = feedResponse(body, '2026-11-23', new Request('http://127.0.0.1/feed.atom'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(first.headers.get('last-modified')).toBe('Mon, 23 Nov 2026 00:00:00 GMT');
    const etag = first.headers.get('etag')!;
    expect(await first.text()).toBe(body);
    const again = feedResponse(body, '2026-11-23', new Request('http://127.0.0.1/feed.atom', { headers: { 'if-none-match': etag } }));
    expect(again.status).toBe(304);
  });
});
