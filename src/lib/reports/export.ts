/**
 * Exports of tables as CSV and as OpenDocument spreadsheets (ODS), shared by the dashboard's
 * download routes and the CLI (`allmende report --org ID --format csv|ods`). Pure functions: no
 * database, no file system.
 *
 * CSV: UTF-8 with byte order mark (so spreadsheet programs detect the encoding), RFC 4180 quoting,
 * CRLF line ends, a guard against formula injection (a text cell starting with =, +, -, @, tab or
 * carriage return gets a leading apostrophe), and with `;` as delimiter a decimal comma, as German
 * spreadsheet programs expect.
 *
 * ODS: a real OpenDocument spreadsheet (zip with `mimetype` stored first and uncompressed,
 * META-INF/manifest.xml, content.xml, styles.xml, meta.xml), one table per sheet, numbers as
 * numbers.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { OrganisationReport } from './types';
import type { OrganisationReportComparison, FigureComparison, ReusePairChange } from './organisation-comparison';
import { COMPARISON_FIGURE_LABELS, REUSE_CHANGE_LABELS, STRENGTH_INFO, lifecycleInfo } from '../labels';
import { plainText } from '../plain-text';
import { escapeXml } from '../xml';

export type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  header: string;
  /** A key of the row, or a function computing the cell. */
  value: (keyof T & string) | ((row: T) => Cell);
}

// A list of sheets mixes row types; `any` here lets Sheet<Own> and Sheet<Elsewhere> share one array.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Sheet<T = any> {
  /** Name of the table (ODS sheet name, CSV file name part). */
  name: string;
  /** Short ASCII key for URLs and file names ("eigene-projekte"). */
  key: string;
  columns: Column<T>[];
  rows: T[];
}

export interface CsvOptions {
  delimiter?: ',' | ';';
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function cellValue<T>(row: T, column: Column<T>): Cell {
  if (typeof column.value === 'function') return column.value(row);
  return (row as Record<string, unknown>)[column.value] as Cell;
}

/** Prefix text that a spreadsheet would read as a formula with an apostrophe. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(value: Cell, delimiter: ',' | ';'): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) text = '';
    else text = delimiter === ';' ? String(value).replace('.', ',') : String(value);
  } else if (typeof value === 'boolean') text = value ? 'ja' : 'nein';
  else text = guardFormula(plainText(String(value)));
  if (text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text) || /^\s|\s$/.test(text)) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** One CSV document (UTF-8 with BOM, CRLF, RFC 4180) from rows and their columns. */
export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const lines = [columns.map((c) => csvField(c.header, delimiter)).join(delimiter)];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellValue(row, c), delimiter)).join(delimiter));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

// ─── ODS ──────────────────────────────────────────────────────────────────────────────────────

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

function odsCell(value: Cell): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    return '<table:table-cell/>';
  }
  if (typeof value === 'number') {
    return `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`;
  }
  if (typeof value === 'boolean') {
    return `<table:table-cell office:value-type="boolean" office:boolean-value="${value}"><text:p>${value ? 'ja' : 'nein'}</text:p></table:table-cell>`;
  }
  // Text cells in ODS are never evaluated as formulas; the guard is kept anyway so that a table
  // copied from the sheet into another program stays harmless.
  const lines = guardFormula(plainText(String(value))).split(/\r\n|\r|\n/);
  return `<table:table-cell office:value-type="string">${lines.map((l) => `<text:p>${escapeXml(l)}</text:p>`).join('')}</table:table-cell>`;
}

/** ODS sheet names must be unique and must not contain []*?:/\ . */
function sheetNames(sheets: readonly Sheet[]): string[] {
  const used = new Set<string>();
  return sheets.map((sheet, i) => {
    const base =
      sheet.name
        .replace(/[[\]*?:/\\']/g, ' ')
        .trim()
        .slice(0, 100) || `Tabelle ${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base} (${n})`;
    used.add(name);
    return name;
  });
}

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ' +
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/"';

function contentXml(sheets: readonly Sheet[]): string {
  const names = sheetNames(sheets);
  const tables = sheets
    .map((sheet, i) => {
      const columns = sheet.columns as Column<unknown>[];
      const header = `<table:table-row>${columns
        .map(
          (c) =>
            `<table:table-cell table:style-name="ceHeader" office:value-type="string"><text:p>${escapeXml(c.header)}</text:p></table:table-cell>`
        )
        .join('')}</table:table-row>`;
      const rows = sheet.rows
        .map((row) => `<table:table-row>${columns.map((c) => odsCell(cellValue(row, c))).join('')}</table:table-row>`)
        .join('');
      const cols = columns.length > 0 ? `<table:table-column table:number-columns-repeated="${columns.length}"/>` : '<table:table-column/>';
      return `<table:table table:name="${escapeXml(names[i])}">${cols}<table:table-header-rows>${header}</table:table-header-rows>${rows}</table:table>`;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<office:document-content ${NS} office:version="1.3">` +
    `<office:automatic-styles>` +
    `<style:style style:name="ceHeader" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>` +
    `</office:automatic-styles>` +
    `<office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`
  );
}

function stylesXml(): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<office:document-styles ${NS} office:version="1.3">` +
    `<office:styles><style:default-style style:family="table-cell"><style:text-properties fo:language="de" fo:country="DE"/></style:default-style></office:styles>` +
    `</office:document-styles>`
  );
}

function metaXml(title: string | undefined, created: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<office:document-meta ${NS} office:version="1.3"><office:meta>` +
    `<meta:generator>allmende</meta:generator>` +
    (title ? `<dc:title>${escapeXml(title)}</dc:title>` : '') +
    `<meta:creation-date>${escapeXml(created)}</meta:creation-date>` +
    `<dc:language>de-DE</dc:language>` +
    `</office:meta></office:document-meta>`
  );
}

function manifestXml(): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
    `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODS_MIME}"/>` +
    `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>` +
    `<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>` +
    `<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>` +
    `</manifest:manifest>`
  );
}

export interface OdsOptions {
  title?: string;
  /** ISO timestamp written to meta.xml and used as the zip entries' time (deterministic output). */
  created?: string;
}

/** An OpenDocument spreadsheet with one table per sheet. */
export function toOds(sheets: readonly Sheet[], options: OdsOptions = {}): Uint8Array {
  const created = options.created ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const mtime = new Date(created);
  const files: Zippable = {
    // First entry, stored (level 0): how programs recognise the file type.
    mimetype: [strToU8(ODS_MIME), { level: 0, mtime }],
    'META-INF/manifest.xml': [strToU8(manifestXml()), { level: 6, mtime }],
    'content.xml': [strToU8(contentXml(sheets)), { level: 6, mtime }],
    'styles.xml': [strToU8(stylesXml()), { level: 6, mtime }],
    'meta.xml': [strToU8(metaXml(options.title, created)), { level: 6, mtime }]
  };
  return zipSync(files);
}

// ─── The OSPO report as tables ────────────────────────────────────────────────────────────────

type Own = OrganisationReport['ownProjects'][number];
type Elsewhere = OrganisationReport['contributionsElsewhere'][number];
type ReusedBy = OrganisationReport['reusedBy'][number];
type Reuses = OrganisationReport['reuses'][number];
type Contributor = OrganisationReport['contributors'][number];

/** The previous period's report and the comparison with it (src/lib/server/organisation-report.ts). */
export interface ReportComparisonTables {
  previous: OrganisationReport;
  comparison: OrganisationReportComparison;
}

/** A count's change; empty when either value is missing. */
const change = (current: number | null | undefined, previous: number | null | undefined): number | null =>
  current === null || current === undefined || previous === null || previous === undefined ? null : current - previous;

/** A relative change in percent, one decimal; empty when not comparable or the previous value is 0. */
const percent = (relative: number | null): number | null => (relative === null ? null : Math.round(relative * 1000) / 10);

/**
 * The tables of an organisation (OSPO) report, in the order the page shows them. With the
 * comparison, the columns of the previous period and of the changes follow the existing ones
 * (whose order stays, for existing consumers), and two tables are added at the end: the key
 * figures compared and the changed reuse.
 */
export function organisationReportSheets(report: OrganisationReport, compared?: ReportComparisonTables | null): Sheet[] {
  const previousOwn = new Map(compared?.previous.ownProjects.map((p) => [p.id, p]));
  const previousElsewhere = new Map(compared?.previous.contributionsElsewhere.map((c) => [c.projectId, c]));
  const own: Sheet<Own> = {
    name: 'Eigene Projekte',
    key: 'eigene-projekte',
    columns: [
      { header: 'Projekt-ID', value: 'id' },
      { header: 'Projekt', value: 'name' },
      { header: 'Zustand', value: (r) => lifecycleInfo(r.lifecycle).label },
      { header: 'Vitalität', value: (r) => r.score },
      { header: 'Commits von Menschen im Zeitraum', value: 'humanCommits' },
      ...(compared
        ? ([
            { header: 'Zustand im Vorzeitraum', value: (r) => lifecycleInfo(previousOwn.get(r.id)?.lifecycle ?? 'unbekannt').label },
            { header: 'Vitalität im Vorzeitraum', value: (r) => previousOwn.get(r.id)?.score },
            { header: 'Veränderung Vitalität', value: (r) => change(r.score, previousOwn.get(r.id)?.score) },
            { header: 'Commits von Menschen im Vorzeitraum', value: (r) => previousOwn.get(r.id)?.humanCommits ?? 0 },
            { header: 'Veränderung Commits', value: (r) => r.humanCommits - (previousOwn.get(r.id)?.humanCommits ?? 0) }
          ] satisfies Column<Own>[])
        : [])
    ],
    rows: report.ownProjects
  };
  const elsewhere: Sheet<Elsewhere> = {
    name: 'Beiträge zu fremden Projekten',
    key: 'beitraege',
    columns: [
      { header: 'Projekt-ID', value: 'projectId' },
      { header: 'Projekt', value: 'projectName' },
      { header: 'Commits', value: 'commits' },
      { header: 'Issues', value: 'issues' },
      { header: 'Kommentare', value: 'comments' },
      ...(compared
        ? (['commits', 'issues', 'comments'] as const).flatMap((kind): Column<Elsewhere>[] => {
            const word = { commits: 'Commits', issues: 'Issues', comments: 'Kommentare' }[kind];
            const before = (r: Elsewhere) => previousElsewhere.get(r.projectId)?.[kind] ?? 0;
            return [
              { header: `${word} im Vorzeitraum`, value: before },
              { header: `Veränderung ${word}`, value: (r) => r[kind] - before(r) }
            ];
          })
        : [])
    ],
    rows: report.contributionsElsewhere
  };
  const sheets: Sheet[] = [own, elsewhere, ...otherSheets(report)];
  if (!compared) return sheets;
  const { comparison } = compared;
  const figures: Sheet<FigureComparison> = {
    name: 'Vergleich mit dem Vorzeitraum',
    key: 'vergleich',
    columns: [
      { header: 'Kennzahl', value: (r) => COMPARISON_FIGURE_LABELS[r.key] },
      { header: 'Schlüssel', value: 'key' },
      { header: 'Zeitraum', value: () => `${report.from} bis ${report.to}` },
      { header: 'Wert', value: 'current' },
      { header: 'Vorzeitraum', value: () => `${comparison.from} bis ${comparison.to}` },
      { header: 'Wert im Vorzeitraum', value: 'previous' },
      { header: 'Veränderung', value: 'difference' },
      { header: 'Veränderung in Prozent', value: (r) => percent(r.relative) },
      { header: 'Vergleichbar', value: (r) => (r.comparable ? 'ja' : 'nicht vergleichbar') }
    ],
    rows: comparison.figures
  };
  const reuseChanges: Sheet<ReusePairChange> = {
    name: 'Veränderte Nachnutzung',
    key: 'nachnutzung-veraenderung',
    columns: [
      { header: 'Projekt-ID', value: 'projectId' },
      { header: 'Projekt', value: 'projectName' },
      { header: 'Organisation-ID', value: 'organisationId' },
      { header: 'Nachnutzende Organisation', value: 'organisationName' },
      { header: 'Veränderung gegenüber dem Vorzeitraum', value: (r) => REUSE_CHANGE_LABELS[r.change] },
      { header: 'Nachweis', value: (r) => STRENGTH_INFO[r.strength].label }
    ],
    rows: comparison.reuseChanges
  };
  return [...sheets, figures, reuseChanges];
}

/** The report's tables that the comparison leaves as they are. */
function otherSheets(report: OrganisationReport): Sheet[] {
  const reusedBy: Sheet<ReusedBy> = {
    name: 'Nachnutzung eigener Projekte',
    key: 'nachnutzung',
    columns: [
      { header: 'Projekt-ID', value: 'projectId' },
      { header: 'Projekt', value: 'projectName' },
      { header: 'Organisation-ID', value: 'organisationId' },
      { header: 'Nachnutzende Organisation', value: 'organisationName' },
      { header: 'Nachweis', value: (r) => STRENGTH_INFO[r.strength].label }
    ],
    rows: report.reusedBy
  };
  const reuses: Sheet<Reuses> = {
    name: 'Genutzte fremde Projekte',
    key: 'genutzt',
    columns: [
      { header: 'Projekt-ID', value: 'projectId' },
      { header: 'Projekt', value: 'projectName' },
      { header: 'Nachweis', value: (r) => STRENGTH_INFO[r.strength].label }
    ],
    rows: report.reuses
  };
  const contributors: Sheet<Contributor> = {
    name: 'Beitragende',
    key: 'beitragende',
    columns: [
      { header: 'Beitragende (Pseudonym, außer wenn der Katalog Namen freigibt)', value: 'name' },
      { header: 'Commits', value: 'commits' },
      { header: 'Issues', value: 'issues' },
      { header: 'Kommentare', value: 'comments' }
    ],
    rows: report.contributors
  };
  return [reusedBy, reuses, contributors];
}
