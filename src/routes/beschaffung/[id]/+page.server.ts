import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { ALLMENDE_VERSION } from '$lib/server/version';
import { loadProcurement } from '$lib/server/procurement';

export const csr = false;

export const load: PageServerLoad = ({ params }) => {
  const db = getDb();
  if (!db) return { noData: true as const };
  const check = loadProcurement(db, [params.id]);
  if (check.candidates.length === 0) error(404, `Ein Projekt „${params.id}“ gibt es in diesem Katalog nicht.`);
  return { noData: false as const, check, version: ALLMENDE_VERSION, printedAt: new Date().toISOString() };
};
