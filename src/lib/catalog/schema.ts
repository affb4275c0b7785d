/**
 * The catalog format (DESIGN §3) as a zod schema. The Catalog type is inferred from it.
 * Cross-references (owners, usedBy, forge ids, duplicate ids) are checked in validate.ts,
 * where the YAML positions are known.
 */
import { z } from 'zod';

export const FORGE_TYPES = ['github', 'gitlab', 'git'] as const;
export const ORGANISATION_KINDS = [
  'municipality',
  'county',
  'state',
  'federal',
  'it-service-provider',
  'company',
  'research',
  'civil-society'
] as const;

export const DEFAULT_PERSONAL_EMAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'web.de',
  'gmx.de',
  'gmx.net',
  'posteo.de',
  'outlook.com',
  'hotmail.com',
  't-online.de',
  'yahoo.com',
  'yahoo.de',
  'icloud.com',
  'mailbox.org',
  'protonmail.com',
  'proton.me',
  'freenet.de'
];

// Bounded: an id is a URL segment (a 100 kB id made its pages answer 431) and names fill pages.
const id = z
  .string()
  .max(100, 'eine Kennung von höchstens 100 Zeichen')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'eine Kennung aus Kleinbuchstaben, Ziffern, ".", "_" oder "-"');
const name = z.string().trim().min(1, 'einen Namen').max(300, 'einen Namen von höchstens 300 Zeichen');
const url = z.url({ protocol: /^https?$/, error: 'eine http(s)-URL' });
const cloneBase = z
  .string()
  .regex(/^(https?|file|ssh|git):\/\/\S+$|^\/\S*$/, 'eine URL (https://, file://, ssh://) oder ein absoluter Pfad');
const tokenRef = z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'eine Umgebungsvariable als env:NAME (Tokens stehen nie im Katalog)');
const domain = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'ein Domainname wie ulm.de'));
/** "forge:path" (github:stadt-ulm/terminbuchung, opencode:ulm, git:https://…). */
export const forgeRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*:\S.*$/, 'eine Angabe der Form forge:pfad, z. B. github:stadt-ulm/terminbuchung');

export const forgeSchema = z.strictObject({
  id,
  type: z.enum(FORGE_TYPES),
  api: url.optional(),
  clone: cloneBase.optional(),
  token: tokenRef.optional(),
  /** Parallel requests to this forge. */
  concurrency: z.int().min(1).max(16).optional(),
  /** Requests per minute and token at most (api.github.com: 900, GitHub's secondary limit for REST). */
  requestsPerMinute: z.int().min(1).max(1_000_000).optional()
});

export const organisationSchema = z.strictObject({
  id,
  name,
  kind: z.enum(ORGANISATION_KINDS),
  region: z
    .string()
    .regex(/^DE(-[A-Z]{2})?$/, 'einen ISO-3166-2-Code wie DE-BW')
    .optional(),
  ags: z
    .string({ error: 'einen Gemeindeschlüssel als Text in Anführungszeichen, z. B. "08421000"' })
    .regex(/^\d{2,8}$/, 'einen Amtlichen Gemeindeschlüssel aus Ziffern, z. B. "08421000"')
    .optional(),
  domains: z.array(domain).default([]),
  accounts: z.array(forgeRef).default([])
});

export const projectSchema = z.strictObject({
  id,
  name,
  owner: id.optional(),
  repositories: z.array(forgeRef).min(1, 'mindestens ein Repository'),
  usedBy: z.array(id).default([])
});

/** Retention defaults: a removed repository's data is kept 30 days (a mistaken edit can be undone), daily snapshots 400 days. */
export const DEFAULT_RETENTION = { removedRepositoriesDays: 30, dailySnapshotsDays: 400 };

export const catalogSchema = z.strictObject({
  forges: z.array(forgeSchema).default([]),
  organisations: z.array(organisationSchema).default([]),
  projects: z.array(projectSchema).default([]),
  discover: z.array(forgeRef).default([]),
  people: z
    .strictObject({
      aliases: z.array(z.array(z.string().min(1)).min(2, 'mindestens zwei Angaben je Alias-Gruppe')).default([]),
      bots: z.array(z.string().min(1)).default([]),
      notBots: z.array(z.string().min(1)).default([])
    })
    .default({ aliases: [], bots: [], notBots: [] }),
  personalEmailDomains: z.array(domain).default(DEFAULT_PERSONAL_EMAIL_DOMAINS),
  privacy: z.strictObject({ showNames: z.boolean().default(false) }).default({ showNames: false }),
  /** How long what allmende stores is kept (jobs/retention.ts; README „Aufbewahrung“). */
  retention: z
    .strictObject({
      /** Repositories no project lists any more: facts, identities only they hold and the clone go this many days after their last collection. */
      removedRepositoriesDays: z.number().int().min(0).max(3650).default(DEFAULT_RETENTION.removedRepositoriesDays),
      /** Daily snapshots older than this many days are thinned to the newest of each month (the score chart shows 365 days). */
      dailySnapshotsDays: z.number().int().min(31).max(36500).default(DEFAULT_RETENTION.dailySnapshotsDays)
    })
    .default(DEFAULT_RETENTION),
  schedule: z
    .strictObject({
      /** node-cron expression; default nightly at 03:17. */
      cron: z.string().default('17 3 * * *'),
      timezone: z.string().default('Europe/Berlin')
    })
    .default({ cron: '17 3 * * *', timezone: 'Europe/Berlin' })
});

export type CatalogInput = z.input<typeof catalogSchema>;
export type ParsedCatalog = z.output<typeof catalogSchema>;
export type ForgeEntry = z.output<typeof forgeSchema>;
export type OrganisationEntry = z.output<typeof organisationSchema>;
export type ProjectEntry = z.output<typeof projectSchema>;
