import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { ALLMENDE_VERSION } from '$lib/server/version';
import {
  choiceLabel,
  loadProcurement,
  MAX_CANDIDATES,
  PICKER_LIST_MAX,
  resolvePickedField,
  type PickedField
} from '$lib/server/procurement';
import { getProjectChoices, type ProjectChoice } from '$queries/getProjectChoices';

export const csr = false;

const canonical = (ids: string[]) => {
  const unique = [...new Set(ids)].slice(0, MAX_CANDIDATES);
  return unique.length ? `/beschaffung?vergleich=${unique.map(encodeURIComponent).join(',')}` : '/beschaffung';
};

/**
 * /beschaffung?vergleich=a,b,c,d — up to four candidates side by side. The picker form sends
 * `p=…` per field (an id, a name or „Name (Eigentümer)“); when each names one project, that is
 * redirected to the canonical `vergleich=` address, which can be pasted. A field that fits several
 * projects or none is shown again with the projects that fit, and the others are compared meanwhile.
 */
export const load: PageServerLoad = ({ url }) => {
  const db = getDb();
  if (!db) return { noData: true as const };
  let fields: PickedField[] | null = null;
  let ids: string[];
  if (url.searchParams.has('p')) {
    const typed = url.searchParams
      .getAll('p')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, MAX_CANDIDATES);
    fields = typed.map((text) => resolvePickedField(db, text));
    ids = fields.map((f) => f.id).filter((id): id is string => id !== null);
    if (fields.every((f) => f.id !== null)) redirect(303, canonical(ids));
    ids = [...new Set(ids)];
  } else {
    ids = [
      ...new Set(
        (url.searchParams.get('vergleich') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      )
    ];
  }
  const check = ids.length ? loadProcurement(db, ids) : null;
  const labels = new Map(check?.candidates.map((c) => [c.id, choiceLabel(c)]) ?? []);
  const option = (c: ProjectChoice) => ({ id: c.id, label: choiceLabel(c) });
  // What each field shows: what was typed (with the projects to choose from where it named none), or the candidates compared.
  const shown = fields
    ? fields.map((f) => ({ text: f.text, suggestions: f.id ? null : f.suggestions.map(option) }))
    : ids.slice(0, MAX_CANDIDATES).map((id) => ({ text: labels.get(id) ?? id, suggestions: null }));
  return {
    noData: false as const,
    /** Every project for the fields' list, or null in a catalog too large to list. */
    choices: getProjectChoices(db, PICKER_LIST_MAX)?.map(option) ?? null,
    /** The four fields: what each holds, and the projects to choose from where it named none. */
    fields: Array.from({ length: MAX_CANDIDATES }, (_, i) => shown[i] ?? { text: '', suggestions: null }),
    tooMany: !fields && ids.length > MAX_CANDIDATES,
    check,
    version: ALLMENDE_VERSION,
    printedAt: new Date().toISOString()
  };
};
