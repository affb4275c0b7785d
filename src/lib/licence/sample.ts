/**
 * The bounds of the sample of files whose REUSE headers the git collector reads (headers.ts,
 * jobs/collectors/declared-licences.ts). A module without imports, so that the Methodik page
 * (src/lib/methodikText.ts) can state them without loading the SPDX list.
 */

/** At most this many files are sampled; of each the first HEADER_BYTES are read. */
export const HEADER_SAMPLE = 64;
export const HEADER_BYTES = 4096;
