/**
 * The `allmende` command line (DESIGN §8). Bad input exits with code 2 and a clear message;
 * failures of the work itself with code 1.
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { closeDatabase, DatabaseError, openDatabase, sqliteProblem, type Db } from '../db/index';
import { CatalogError, loadCatalog } from '../src/lib/catalog/load';
import { loadOrCreateSecret } from '../src/lib/identity/secret';
import { resolveDataPaths, type DataPaths } from '../src/lib/paths';
import { LockBusyError } from './store/lock';
import { getCatalogSettings } from '../src/queries/getCatalogSettings';
import { createProgress } from './progress';
import { collectAndDerive } from './pipeline';
import { CollectionInterrupted, type CollectSummary } from './collect';
import { backupDatabase, BackupError } from './backup';
import { flushForgotten, forgetPerson, type ForgetRequest } from './forget';
import { writeLog } from './log';
import { acquireLock } from './store/lock';
import { derive } from './derive/index';
import { startSchedule, ScheduleError } from './schedule';
import { organisationReportOutput, projectReportOutput, ReportInputError } from './report';
import { serve } from './serve';

/** Input the user can fix: wrong option, unknown project, invalid catalog. Exit code 2. */
export class UsageError extends Error {}

interface CommonOptions {
  data?: string;
  db?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`ungültiges Datum „${value}“ (erwartet JJJJ-MM-TT)`);
  }
  return value;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`ungültiger Port „${value}“`);
  return port;
}

function withCommon(command: Command): Command {
  return command
    .addOption(new Option('--data <dir>', 'Datenverzeichnis (Datenbank und git-Klone)').env('ALLMENDE_DATA'))
    .addOption(new Option('--db <file>', 'SQLite-Datenbankdatei').env('ALLMENDE_DB'));
}

function paths(options: CommonOptions): DataPaths {
  return resolveDataPaths({ data: options.data, db: options.db }, {});
}

function openFor(options: CommonOptions): { db: Db; paths: DataPaths } {
  const p = paths(options);
  return { db: openDatabase(p.dbFile), paths: p };
}

function requireConfig(file: string) {
  return loadCatalog(file);
}

const log = (message: string) => writeLog('info', message);
const warn = (message: string) => writeLog('warn', message);

/** The exit codes, as `--help` and README list them (for monitoring). */
export const EXIT_CODES_HELP = `
Exit-Codes:
  0    erfolgreich (bei collect: höchstens die Hälfte der Repositories mit Fehlern)
  1    Fehler: Sammlung fehlgeschlagen oder mehr als die Hälfte der Repositories mit Fehlern,
       eine andere Sammlung läuft, Datenbank nicht nutzbar, Sicherung fehlgeschlagen
  2    falsche Eingabe: Option, Katalog (Datei:Zeile:Spalte), Projekt, Datei vorhanden
  130  abgebrochen (Strg-C, SIGTERM); der nächste Lauf setzt fort
`;

/**
 * Exit code of a finished collection: 1 when it failed, or was partial with more than half of
 * its repositories failing (with the sentence that says so), otherwise 0.
 */
export function collectOutcome(summary: Pick<CollectSummary, 'status' | 'repositories' | 'failed'>): {
  code: 0 | 1;
  message: string | null;
} {
  if (summary.status === 'failed') return { code: 1, message: 'Die Sammlung ist fehlgeschlagen.' };
  if (summary.status === 'partial' && summary.failed * 2 > summary.repositories) {
    return {
      code: 1,
      message: `Die Sammlung ist größtenteils fehlgeschlagen: ${summary.failed} von ${summary.repositories} Repositories mit Fehlern.`
    };
  }
  return { code: 0, message: null };
}

export function buildProgram(): Command {
  const program = new Command('allmende')
    .description('allmende – Vitalität und Nachnutzung von Open-Source-Software in Kommunen')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(--help zeigt alle Optionen)')
    .configureOutput({ outputError: (text, write) => write(text) })
    .addHelpText('after', EXIT_CODES_HELP);

  withCommon(
    program
      .command('collect')
      .description('Repositories des Katalogs sammeln (git, GitHub, GitLab/OpenCoDE), danach Kennzahlen ableiten')
      .requiredOption('-c, --config <file>', 'Katalog (catalog.yml)')
      .option('--only <project>', 'nur die Repositories dieses Projekts')
      .option('--as-of <date>', 'Stichtag für die Kennzahlen (JJJJ-MM-TT)', parseDate)
      .addHelpText('after', EXIT_CODES_HELP)
  ).action(async (options: CommonOptions & { config: string; only?: string; asOf?: string }) => {
    const catalog = requireConfig(options.config);
    if (options.only && !catalog.projects.some((p) => p.id === options.only)) {
      throw new UsageError(`Projekt „${options.only}“ steht nicht im Katalog ${options.config}.`);
    }
    const { db, paths: p } = openFor(options);
    const progress = createProgress();
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const summary = await collectAndDerive({
        db,
        catalog,
        paths: p,
        only: options.only,
        asOf: options.asOf,
        progress,
        log,
        signal: controller.signal,
        trigger: 'cli'
      });
      progress.done(
        `Gesammelt: ${summary.repositories} Repositories (${summary.failed} mit Fehlern), ${summary.requests} Anfragen, ${summary.notModified} unverändert (304), ${summary.items} Einträge.`
      );
      for (const o of summary.outcomes.filter((x) => !x.ok)) warn(`  ✗ ${o.key} (${o.source}): ${o.error}`);
      const outcome = collectOutcome(summary);
      if (outcome.message) warn(`allmende: ${outcome.message}`);
      process.exitCode = outcome.code;
    } finally {
      closeDatabase(db);
    }
  });

  withCommon(
    program
      .command('derive')
      .description('Kennzahlen und Schnappschüsse aus den gesammelten Fakten berechnen')
      .option('-c, --config <file>', 'Katalog (Standard: die Einstellungen der letzten Sammlung)')
      .option('--as-of <date>', 'Stichtag (JJJJ-MM-TT), Standard: heute', parseDate)
      .option('--backfill', 'auch die Monatsverläufe der letzten 12 Monate neu berechnen')
  ).action(async (options: CommonOptions & { config?: string; asOf?: string; backfill?: boolean }) => {
    const catalog = options.config ? requireConfig(options.config) : null;
    const p = paths(options);
    if (!existsSync(p.dbFile)) throw new UsageError(`keine Datenbank unter ${p.dbFile} – zuerst „allmende collect“ ausführen`);
    const db = openDatabase(p.dbFile);
    try {
      const settings = catalog ?? getCatalogSettings(db);
      if (!settings) throw new UsageError('noch keine Sammlung in dieser Datenbank – zuerst „allmende collect --config …“ ausführen');
      const result = await derive(db, settings, { asOf: options.asOf, backfill: options.backfill, secret: loadOrCreateSecret(p.dataDir) });
      log(`Abgeleitet: ${JSON.stringify(result)}`);
    } finally {
      closeDatabase(db);
    }
  });

  withCommon(
    program
      .command('report')
      .description('Steckbrief eines Projekts oder Bericht einer Organisation')
      .addOption(new Option('--project <id>', 'Projekt-Kennung').conflicts('org'))
      .addOption(new Option('--org <id>', 'Organisations-Kennung'))
      .option('-c, --config <file>', 'Katalog (Standard: die Einstellungen der letzten Sammlung)')
      .option('--json', 'als JSON ausgeben')
      .option('--as-of <date>', 'Stichtag (JJJJ-MM-TT)', parseDate)
      .option(
        '--from <date>',
        'Beginn des Zeitraums (Organisation), Standard: die zwölf letzten vollständigen Kalendermonate bis zum Stand, mit --to allein 365 Tage bis zum Ende',
        parseDate
      )
      .option(
        '--to <date>',
        'Ende des Zeitraums (Organisation), Standard: das Ende des letzten vollständigen Monats bis zum Stand, mit --from allein der Stand',
        parseDate
      )
      .addOption(new Option('--format <format>', 'Ausgabeformat für --org').choices(['json', 'csv', 'ods']).default('json'))
      .option('--delimiter <char>', 'Trennzeichen für CSV: , oder ;', ',')
      .option('--table <key>', 'welche Tabelle als CSV (eigene-projekte, beitraege, nachnutzung, …)')
      .option('--no-compare', 'ohne Vergleich mit dem Vorzeitraum (Organisation)')
      .option('-o, --output <file>', 'in diese Datei schreiben (nötig für ods)')
  ).action(
    async (
      options: CommonOptions & {
        project?: string;
        org?: string;
        config?: string;
        json?: boolean;
        asOf?: string;
        from?: string;
        to?: string;
        format: 'json' | 'csv' | 'ods';
        delimiter: string;
        table?: string;
        compare: boolean;
        output?: string;
      }
    ) => {
      if (!options.project && !options.org) throw new UsageError('--project ID oder --org ID angeben');
      const fromFile = options.config ? requireConfig(options.config) : null;
      const p = paths(options);
      if (!existsSync(p.dbFile)) throw new UsageError(`keine Datenbank unter ${p.dbFile} – zuerst „allmende collect“ ausführen`);
      const db = openDatabase(p.dbFile);
      try {
        const catalog = fromFile ?? getCatalogSettings(db);
        const output = options.project
          ? await projectReportOutput(db, catalog, { projectId: options.project, asOf: options.asOf, json: Boolean(options.json) })
          : await organisationReportOutput(db, catalog, {
              organisationId: options.org!,
              from: options.from,
              to: options.to,
              format: options.format,
              delimiter: options.delimiter === ';' ? ';' : ',',
              table: options.table,
              compare: options.compare
            });
        if (typeof output !== 'string' && !options.output) throw new UsageError('ODS ist eine Binärdatei: mit --output DATEI angeben');
        if (options.output) writeFileSync(options.output, output);
        else process.stdout.write(output as string);
      } finally {
        closeDatabase(db);
      }
    }
  );

  withCommon(
    program
      .command('serve')
      .description('das Dashboard starten')
      .addOption(new Option('-p, --port <port>', 'Port').env('PORT').default(3000).argParser(parsePort))
      .addOption(new Option('--host <host>', 'Adresse').env('HOST').default('127.0.0.1'))
  ).action(async (options: CommonOptions & { port: number; host: string }) => {
    const p = paths(options);
    openDatabase(p.dbFile).$client.close();
    await serve({ port: options.port, host: options.host, paths: p, log });
  });

  withCommon(
    program
      .command('schedule')
      .description('Sammlung und Ableitung nach Zeitplan (Cron) ausführen, bis zum Beenden')
      .requiredOption('-c, --config <file>', 'Katalog (catalog.yml); schedule.cron legt den Zeitplan fest')
      .option('--cron <expression>', 'Cron-Ausdruck statt des Katalogs, z. B. "17 3 * * *"')
  ).action(async (options: CommonOptions & { config: string; cron?: string }) => {
    requireConfig(options.config);
    const { db, paths: p } = openFor(options);
    try {
      const scheduler = startSchedule({ db, configFile: options.config, paths: p, cron: options.cron, log });
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      // A running collection is aborted and awaited: it records itself as interrupted and
      // releases the lock before the database closes. A second signal ends the process at once.
      log(`Zeitplan wird beendet (${signal}) …`);
      await scheduler.stop();
      log('Zeitplan beendet.');
    } finally {
      closeDatabase(db);
    }
  });

  withCommon(
    program
      .command('forget')
      .description('eine Person auf Antrag vergessen (DSGVO Art. 17): Identitäten, Personen und Schnappschüsse, auch künftig')
      .option('--email <adresse>', 'per E-Mail-Adresse („-“: von der Standardeingabe lesen, damit sie nicht in der Shell-Historie steht)')
      .option('--login <plattform:login>', 'per Konto auf einer Plattform, z. B. github:jdoe')
      .option('--name <name>', 'per Name (trifft jede Identität dieses Namens)')
  ).action(async (options: CommonOptions & { email?: string; login?: string; name?: string }) => {
    const given = [options.email, options.login, options.name].filter((v) => v !== undefined);
    if (given.length !== 1) throw new UsageError('genau eine der Angaben --email, --login oder --name angeben');
    const request =
      options.email !== undefined
        ? { email: options.email === '-' ? await readStdin() : options.email }
        : options.login !== undefined
          ? parseLogin(options.login)
          : { name: options.name! };
    if ('email' in request && !request.email.includes('@')) throw new UsageError('--email: keine E-Mail-Adresse');
    const p = paths(options);
    if (!existsSync(p.dbFile)) throw new UsageError(`keine Datenbank unter ${p.dbFile}`);
    const db = openDatabase(p.dbFile);
    try {
      // No collection may bring the person back while they are forgotten.
      const lock = acquireLock(db, 'collect');
      try {
        const secret = loadOrCreateSecret(p.dataDir);
        const result = forgetPerson(db, request, secret);
        const settings = getCatalogSettings(db);
        if (settings && result.identities > 0) await derive(db, settings, { secret });
        flushForgotten(db);
        log(
          result.identities === 0
            ? 'Keine passende Identität gefunden. Der Antrag ist vermerkt: künftige Sammlungen übernehmen diese Person nicht.'
            : `Vergessen: ${result.identities} Identitäten, ${result.persons} Personen; ${result.snapshots} ältere Schnappschüsse bereinigt${settings ? ', Kennzahlen neu abgeleitet' : ''}. Ihre Beiträge zählen weiter als „gelöschte Person“.`
        );
      } finally {
        lock.release();
      }
    } finally {
      closeDatabase(db);
    }
  });

  withCommon(
    program
      .command('backup')
      .description('die Datenbank konsistent sichern (SQLite-Online-Backup), auch während einer Sammlung')
      .argument('<file>', 'Zieldatei der Sicherung')
      .option('--force', 'eine vorhandene Datei überschreiben')
  ).action(async (file: string, options: CommonOptions & { force?: boolean }) => {
    const p = paths(options);
    if (existsSync(file) && !options.force) throw new UsageError(`${file} gibt es schon; mit --force überschreiben.`);
    const result = await backupDatabase(p.dbFile, file, { force: options.force });
    log(`Gesichert: ${p.dbFile} → ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, Prüfung ok).`);
  });

  return program;
}

export async function main(argv = process.argv): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.commands.forEach((c) => c.exitOverride());
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (
      error instanceof CatalogError ||
      error instanceof UsageError ||
      error instanceof ReportInputError ||
      error instanceof ScheduleError
    ) {
      writeLog('error', `allmende: ${error.message}`);
      return 2;
    }
    if (error instanceof CollectionInterrupted) {
      // End the progress line a terminal shows.
      if (process.stderr.isTTY) process.stderr.write('\n');
      writeLog('warn', `allmende: ${error.message}`);
      return 130;
    }
    if (error instanceof LockBusyError || error instanceof DatabaseError || error instanceof BackupError) {
      writeLog('error', `allmende: ${error.message}`);
      return 1;
    }
    writeLog('error', `allmende: ${germanMessage(error as Error)}`);
    if (process.env.ALLMENDE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}

/**
 * SQLite's own messages are English and technical: one German sentence instead, also where a step
 * wrapped the SQLite error („Ableiten fehlgeschlagen, …: database or disk is full“).
 */
export function germanMessage(error: Error): string {
  const own = sqliteProblem(error);
  if (own) return own;
  const cause = sqliteProblem(error.cause);
  if (!cause) return error.message;
  const colon = error.message.indexOf(': ');
  return colon > 0 ? `${error.message.slice(0, colon)}: ${cause}` : cause;
}

function parseLogin(value: string): ForgetRequest {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new UsageError('--login: „plattform:login“ erwartet, z. B. github:jdoe');
  return { forge: value.slice(0, colon), login: value.slice(colon + 1) };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}
