/**
 * The focused reuse views (/nachnutzung/projekt/:id, /nachnutzung/organisation/:id): the strongest
 * pairs around one project or organisation as a bounded network, and what is left out of it.
 */
import type { Db } from '../../../db/index';
import { listReusePairs, type ReusePairRow } from '../../queries/listReusePairs';
import type { PairFilters } from '../../queries/reuseFilters';
import { buildReuseNeighbourhood } from './reuse-neighbourhood';
import type { NetworkOrganisation, ReuseNetworkDrawing } from './reuse-network';

/** At most this many pairs are drawn: the strongest. */
export const NEIGHBOURS = 30;
/** Rows per page of the tables beside the network. */
export const FOCUS_PAGE_SIZE = 50;

export interface Neighbourhood {
  network: ReuseNetworkDrawing | null;
  /** Pairs drawn and in total. */
  shown: number;
  total: number;
}

/**
 * The strongest pairs for each set of filters (an organisation: the projects it reuses, and the
 * reuse of its own projects), NEIGHBOURS in all, shared evenly unless one set has fewer.
 */
export function neighbourhood(
  db: Db,
  parts: PairFilters[],
  focus: { type: 'organisation' | 'project'; id: string },
  owners: NetworkOrganisation[]
): Neighbourhood {
  const strongest = parts.map((filters) => listReusePairs(db, filters, { page: 1, pageSize: NEIGHBOURS }));
  const rows: ReusePairRow[] = [];
  let left = NEIGHBOURS;
  strongest.forEach((part, i) => {
    const later = strongest.slice(i + 1).reduce((n, p) => n + p.rows.length, 0);
    const share = Math.min(part.rows.length, Math.max(Math.ceil(left / (strongest.length - i)), left - later));
    rows.push(...part.rows.slice(0, share));
    left -= share;
  });
  return {
    network: rows.length ? buildReuseNeighbourhood(rows, focus, owners) : null,
    shown: rows.length,
    total: strongest.reduce((n, p) => n + p.total, 0)
  };
}

/** The note beside a bounded network: how many pairs the drawing leaves to the table. */
export function neighbourhoodNote(n: Neighbourhood): string | null {
  const more = n.total - n.shown;
  return more > 0 ? `Gezeigt sind die ${n.shown} stärksten von ${n.total} Nachnutzungen; weitere ${more} stehen in der Tabelle.` : null;
}
