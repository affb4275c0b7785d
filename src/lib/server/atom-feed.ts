/**
 * Atom feeds (RFC 4287) of the recorded changes (project_changes, src/lib/reports/changes.ts), made
 * with the `feed` package, for a project, an organisation and the whole catalog. The routes
 * (…/feed.atom) ask the named queries and pass the rows here.
 *
 * Escaping: `feed` writes entry titles and contents as `type="html"` inside CDATA, and text
 * elements (the feed's title) through xml-js, which escapes & < > but neither removes the
 * characters XML forbids nor escapes HTML inside the CDATA (nor every `]]>`). So every text is
 * cleaned first: entry titles and contents are escaped as HTML with escapeXml (src/lib/xml.ts: a
 * release name `<script>` reaches a feed reader as text, control characters are dropped, `]]>`
 * cannot occur), the feed's own texts lose the forbidden characters.
 *
 * Entry ids are `urn:uuid:` name-based UUIDs (RFC 9562 version 5) of the change's natural key
 * (project, snapshot day, kind, subject): the same change keeps its id whatever the address the
 * dashboard is reached under, and a change derived again keeps it too.
 */
import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import { describeChange, FEED_ENTRIES } from '../changeText';
import { formatDate } from '../format';
import { CHANGE_KIND_LABELS } from '../labels';
import { escapeXml, stripNonXml } from '../xml';
import type { ChangeRow } from '../../queries/changeRows';
import { etagOf } from './badge';
import { notModified } from './http-policy';

export { FEED_ENTRIES };

/** Text for an XML text element: forbidden characters dropped (xml-js escapes the rest). */
export const feedText = stripNonXml;

/** A fixed namespace for allmende's change ids (RFC 9562 §5.5: a name-based UUID needs one). */
const NAMESPACE = Buffer.from('6f1c2a4e9b7d4c3a8e5f0a1b2c3d4e5f', 'hex');

/** RFC 9562 version 5 (SHA-1, name-based) UUID of `name`. */
export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function changeEntryId(change: Pick<ChangeRow, 'projectId' | 'asOf' | 'kind' | 'subject'>): string {
  return `urn:uuid:${uuidV5([change.projectId, change.asOf, change.kind, change.subject].join('\n'))}`;
}

export const projectPath = (id: string) => `/projekte/${encodeURIComponent(id)}`;
export const organisationPath = (id: string) => `/organisationen/${encodeURIComponent(id)}`;

export interface ChangesFeed {
  /** The dashboard's origin (url.origin: ORIGIN behind a proxy, see README). */
  origin: string;
  /** The feed's own path (/feed.atom …) and the page it belongs to. */
  path: string;
  pagePath: string;
  title: string;
  subtitle: string;
  changes: readonly ChangeRow[];
  /** When there are no changes: the newest snapshot date, so that `updated` does not move by itself. */
  fallbackUpdated: string | null;
  /** Entry titles name the project (catalog and organisation feeds). */
  withProjectName: boolean;
}

const dayStart = (date: string) => new Date(`${date}T00:00:00Z`);

/** The feed as Atom XML. */
export function renderChangesFeed(options: ChangesFeed): string {
  const { origin, changes } = options;
  const updated = feedUpdated(changes, options.fallbackUpdated);
  const feed = new Feed({
    id: `${origin}${options.path}`,
    title: feedText(options.title),
    description: feedText(options.subtitle),
    link: `${origin}${options.pagePath}`,
    feed: `${origin}${options.path}`,
    language: 'de',
    updated: dayStart(updated ?? '1970-01-01'),
    generator: 'allmende',
    author: { name: 'allmende' }
  });
  for (const change of changes.slice(0, FEED_ENTRIES)) {
    const sentence = describeChange(change);
    const title = options.withProjectName ? `${change.projectName}: ${sentence}` : sentence;
    const link = `${origin}${projectPath(change.projectId)}`;
    feed.addItem({
      id: changeEntryId(change),
      title: escapeXml(title),
      link,
      date: dayStart(change.date),
      published: dayStart(change.date),
      content:
        `<p>${escapeXml(`${change.projectName}: ${sentence}.`)}</p>` +
        `<p>${escapeXml(`Festgestellt beim Vergleich der Auswertung vom ${formatDate(change.asOf)} mit der vorherigen.`)} ` +
        `<a href="${escapeXml(`${origin}/methodik#aenderungen`)}">${escapeXml('Was als Änderung gilt')}</a></p>`,
      category: [{ term: change.kind, name: CHANGE_KIND_LABELS[change.kind] }]
    });
  }
  return feed.atom1();
}

/** The feed as a response: Atom's media type, ETag and Last-Modified, 304 for a matching If-None-Match. */
export function feedResponse(body: string, updated: string | null, request: Request): Response {
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    'content-type': 'application/atom+xml; charset=utf-8',
    'cache-control': 'public, max-age=300',
    etag
  };
  if (updated) headers['last-modified'] = dayStart(updated).toUTCString();
  if (notModified(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}

/** The `updated` the feed states (newest change, else the fallback). */
export function feedUpdated(changes: readonly ChangeRow[], fallback: string | null): string | null {
  return changes.reduce<string | null>((max, c) => (max === null || c.date > max ? c.date : max), null) ?? fallback;
}
