import { dsvFormat } from 'd3';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { guardFormula, organisationReportSheets, toCsv, toOds, type Column } from '../../src/lib/reports/export';
import { compareOrganisationReports } from '../../src/lib/reports/organisation-comparison';
import { escapeXml as xmlEscape } from '../../src/lib/xml';
import { organisationReportOf } from '../helpers/organisation-report';
import type { OrganisationReport } from '../../src/lib/reports/types';

interface Row {
  name: string;
  count: number | null;
  note: string;
}

const columns: Column<Row>[] = [
  { header: 'Name', value: 'name' },
  { header: 'Anzahl', value: 'count' },
  { header: 'Hinweis; "Text"', value: (r) => r.note }
];

const rows: Row[] = [
  { name: 'Stadt Ulm', count: 3, note: 'einfach' },
  { name: 'Komma, Semikolon; "Zitat"', count: 1.5, note: 'zwei\nZeilen' },
  { name: '=HYPERLINK("http://x")', count: null, note: '+49 731' },
  { name: '-1+2', count: -4, note: '@SUM(A1)' },
  { name: 'Ärger & <Größe>', count: 0, note: ' Leerzeichen ' }
];

/** A minimal XML well-formedness check: balanced tags, quoted attributes, known entities. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let pos = 0;
  let roots = 0;
  while (pos < body.length) {
    token.lastIndex = pos;
    const m = token.exec(body);
    if (!m) throw new Error(`not well-formed at ${pos}: ${body.slice(pos, pos + 40)}`);
    pos = token.lastIndex;
    if (m[5] !== undefined) {
      const text = m[5];
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bad entity in ${text}`);
      if (stack.length === 0 && text.trim()) throw new Error('text outside root');
      continue;
    }
    const [, close, name, attrs, selfClose] = m;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(attrs)) throw new Error(`bad entity in ${attrs}`);
    if (close) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe('toCsv', () => {
  it('starts with a BOM, uses CRLF and parses back (comma)', () => {
    const csv = toCsv(rows, columns);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = dsvFormat(',').parseRows(csv.slice(1).replace(/\r\n$/, ''));
    expect(parsed[0]).toEqual(['Name', 'Anzahl', 'Hinweis; "Text"']);
    expect(parsed.slice(1)).toEqual([
      ['Stadt Ulm', '3', 'einfach'],
      ['Komma, Semikolon; "Zitat"', '1.5', 'zwei\nZeilen'],
      ['\'=HYPERLINK("http://x")', '', "'+49 731"],
      ["'-1+2", '-4', "'@SUM(A1)"],
      ['Ärger & <Größe>', '0', ' Leerzeichen ']
    ]);
  });

  it('uses semicolons and a decimal comma for German spreadsheets', () => {
    const csv = toCsv(rows, columns, { delimiter: ';' });
    const parsed = dsvFormat(';').parseRows(csv.slice(1).replace(/\r\n$/, ''));
    expect(parsed[0]).toEqual(['Name', 'Anzahl', 'Hinweis; "Text"']);
    expect(parsed[2]).toEqual(['Komma, Semikolon; "Zitat"', '1,5', 'zwei\nZeilen']);
    expect(parsed).toHaveLength(rows.length + 1);
  });

  it('guards formulas only at the start of text', () => {
    expect(guardFormula('=1+1')).toBe("'=1+1");
    expect(guardFormula('a=1')).toBe('a=1');
    expect(guardFormula('\tx')).toBe("'\tx");
  });

  it('passes no terminal escape and no bidi control from forge text into a cell', () => {
    // A name that would clear the terminal and one that reorders what a reader sees (Trojan Source).
    const hostile = [{ name: 'Eve\u001b[2J\u001b]0;pwned\u0007', count: 1, note: 'admin\u202e\u2066 // ok \u2069\u202c' }];
    const cols: Column<(typeof hostile)[number]>[] = [
      { header: 'Name', value: 'name' },
      { header: 'Anzahl', value: 'count' },
      { header: 'Hinweis', value: 'note' }
    ];
    const csv = toCsv(hostile, cols);
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(csv).toContain('Eve\ufffd[2J\ufffd]0;pwned\ufffd');
    expect(csv).toContain('admin // ok ');
    const ods = strFromU8(unzipSync(toOds([{ name: 'A', key: 'a', columns: cols, rows: hostile }]))['content.xml']);
    expect(ods).not.toContain('\u001b');
    expect(ods).not.toContain('\u202e');
  });
});

describe('toOds', () => {
  const sheets = [
    { name: 'Erste: Tabelle', key: 'a', columns, rows },
    { name: 'Leer', key: 'b', columns, rows: [] as Row[] }
  ];
  const bytes = toOds(sheets, { title: 'Test & <Titel>', created: '2026-11-23T10:00:00Z' });
  const files = unzipSync(bytes);

  it('stores mimetype first and uncompressed', () => {
    // Local file header: signature, then the name at offset 30 and the stored data right after it.
    expect(Array.from(bytes.slice(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint16(8, true)).toBe(0); // compression method: stored
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    expect(strFromU8(bytes.slice(30, 30 + nameLength))).toBe('mimetype');
    expect(extraLength).toBe(0);
    const data = strFromU8(bytes.slice(30 + nameLength, 30 + nameLength + 46));
    expect(data).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(Object.keys(files)).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml']);
  });

  it('has well-formed XML parts', () => {
    for (const name of ['META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml']) {
      assertWellFormed(strFromU8(files[name]));
    }
    expect(strFromU8(files['meta.xml'])).toContain('<dc:title>Test &amp; &lt;Titel&gt;</dc:title>');
  });

  it('has the right cells', () => {
    const content = strFromU8(files['content.xml']);
    const tables = [...content.matchAll(/<table:table table:name="([^"]*)">(.*?)<\/table:table>/g)];
    expect(tables.map((t) => t[1])).toEqual(['Erste  Tabelle', 'Leer']);
    const tableRows = [...tables[0][2].matchAll(/<table:table-row>(.*?)<\/table:table-row>/g)].map((r) =>
      [...r[1].matchAll(/<table:table-cell([^>]*?)(?:\/>|>(.*?)<\/table:table-cell>)/g)].map((c) => ({
        attrs: c[1],
        text: (c[2] ?? '').replace(/<text:p>(.*?)<\/text:p>/g, '$1\n').replace(/\n$/, '')
      }))
    );
    expect(tableRows).toHaveLength(rows.length + 1);
    expect(tableRows[0].map((c) => c.text)).toEqual(['Name', 'Anzahl', 'Hinweis; &quot;Text&quot;']);
    expect(tableRows[1][1].attrs).toContain('office:value-type="float" office:value="3"');
    expect(tableRows[2][2].text).toBe('zwei\nZeilen');
    expect(tableRows[3][0].text).toBe('&apos;=HYPERLINK(&quot;http://x&quot;)');
    expect(tableRows[3][1].text).toBe('');
    expect(tableRows[5][0].text).toBe('Ärger &amp; &lt;Größe&gt;');
    const second = [...tables[1][2].matchAll(/<table:table-row>/g)];
    expect(second).toHaveLength(1);
  });

  it('is deterministic for a fixed creation time', () => {
    expect(toOds(sheets, { created: '2026-11-23T10:00:00Z' })).toEqual(toOds(sheets, { created: '2026-11-23T10:00:00Z' }));
  });

  it('drops characters XML cannot hold', () => {
    expect(xmlEscape('a\u0000b\u0007c<')).toBe('abc&lt;');
  });
});

describe('organisationReportSheets', () => {
  const report = organisationReportOf({
    ownProjects: [{ id: 'termin', name: 'Terminbuchung', lifecycle: 'aktiv', score: 78, humanCommits: 120 }],
    contributionsElsewhere: [{ projectId: 'maengel', projectName: 'Mängelmelder', commits: 4, issues: 2, comments: 7 }],
    reusedBy: [
      {
        projectId: 'termin',
        projectName: 'Terminbuchung',
        organisationId: 'dortmund',
        organisationName: 'Stadt Dortmund',
        strength: 'beobachtet'
      }
    ],
    contributors: [{ name: 'Person 1', commits: 3, issues: 1, comments: 0 }]
  });

  it('gives one table per part of the report', () => {
    const sheets = organisationReportSheets(report);
    expect(sheets.map((s) => s.key)).toEqual(['eigene-projekte', 'beitraege', 'nachnutzung', 'genutzt', 'beitragende']);
    const csv = toCsv(sheets[0].rows, sheets[0].columns);
    expect(dsvFormat(',').parseRows(csv.slice(1).trim())).toEqual([
      ['Projekt-ID', 'Projekt', 'Zustand', 'Vitalität', 'Commits von Menschen im Zeitraum'],
      ['termin', 'Terminbuchung', 'aktiv', '78', '120']
    ]);
    const files = unzipSync(toOds(sheets));
    expect(strFromU8(files['content.xml'])).toContain('<text:p>Stadt Dortmund</text:p>');
  });

  it('says states and evidence in the words of the pages (src/lib/labels.ts)', () => {
    const sheets = organisationReportSheets({
      ...report,
      ownProjects: [{ id: 'alt', name: 'Altprojekt', lifecycle: 'unbekannt', score: null, humanCommits: 0 }],
      reuses: [{ projectId: 'maengel', projectName: 'Mängelmelder', strength: 'erklärt' }]
    });
    const own = dsvFormat(',').parseRows(toCsv(sheets[0].rows, sheets[0].columns).slice(1).trim());
    expect(own[1][2]).toBe('unbekannt – keine Daten');
    const reuses = dsvFormat(',').parseRows(toCsv(sheets[3].rows, sheets[3].columns).slice(1).trim());
    expect(reuses[1]).toEqual(['maengel', 'Mängelmelder', 'nur erklärt']);
    const reusedBy = dsvFormat(',').parseRows(toCsv(sheets[2].rows, sheets[2].columns).slice(1).trim());
    expect(reusedBy[1][4]).toBe('beobachtet');
  });
});

describe('organisationReportSheets with the comparison with the previous period', () => {
  const current = organisationReportOf({
    ownProjects: [{ id: 'termin', name: 'Terminbuchung', lifecycle: 'aktiv', score: 78, humanCommits: 120 }],
    contributionsElsewhere: [
      { projectId: 'maengel', projectName: 'Mängelmelder', commits: 4, issues: 2, comments: 7 },
      // A hostile project name from a forge: the guard holds in the new columns' tables too.
      { projectId: 'evil', projectName: '=HYPERLINK("http://x")', commits: 1, issues: 0, comments: 0 }
    ],
    reusedBy: [
      {
        projectId: 'termin',
        projectName: 'Terminbuchung',
        organisationId: 'dortmund',
        organisationName: '@Dortmund',
        strength: 'beobachtet'
      }
    ],
    contributors: [{ name: 'Person 1', commits: 3, issues: 1, comments: 0 }]
  });
  const previous: OrganisationReport = {
    ...current,
    from: '2025-01-01',
    to: '2025-12-31',
    ownProjects: [{ id: 'termin', name: 'Terminbuchung', lifecycle: 'unbekannt', score: null, humanCommits: 90 }],
    contributionsElsewhere: [{ projectId: 'maengel', projectName: 'Mängelmelder', commits: 5, issues: 0, comments: 7 }],
    reusedBy: [],
    contributors: []
  };
  const sheets = organisationReportSheets(current, { previous, comparison: compareOrganisationReports(current, previous) });
  const parse = (key: string, delimiter: ',' | ';' = ',') => {
    const sheet = sheets.find((s) => s.key === key)!;
    return dsvFormat(delimiter).parseRows(toCsv(sheet.rows, sheet.columns, { delimiter }).slice(1).trim());
  };

  it('keeps the existing tables and columns first and adds the comparison at the end', () => {
    const plain = organisationReportSheets(current);
    expect(sheets.map((s) => s.key)).toEqual([...plain.map((s) => s.key), 'vergleich', 'nachnutzung-veraenderung']);
    for (const [i, sheet] of plain.entries()) {
      expect(sheets[i].columns.slice(0, sheet.columns.length).map((c) => c.header)).toEqual(sheet.columns.map((c) => c.header));
      expect(sheets[i].rows).toEqual(sheet.rows);
    }
  });

  it('own projects and contributions: the previous period beside each row, and the change', () => {
    expect(parse('eigene-projekte')).toEqual([
      [
        'Projekt-ID',
        'Projekt',
        'Zustand',
        'Vitalität',
        'Commits von Menschen im Zeitraum',
        'Zustand im Vorzeitraum',
        'Vitalität im Vorzeitraum',
        'Veränderung Vitalität',
        'Commits von Menschen im Vorzeitraum',
        'Veränderung Commits'
      ],
      // No score before: its change stays empty, not 0.
      ['termin', 'Terminbuchung', 'aktiv', '78', '120', 'unbekannt – keine Daten', '', '', '90', '30']
    ]);
    expect(parse('beitraege')).toEqual([
      [
        'Projekt-ID',
        'Projekt',
        'Commits',
        'Issues',
        'Kommentare',
        'Commits im Vorzeitraum',
        'Veränderung Commits',
        'Issues im Vorzeitraum',
        'Veränderung Issues',
        'Kommentare im Vorzeitraum',
        'Veränderung Kommentare'
      ],
      ['maengel', 'Mängelmelder', '4', '2', '7', '5', '-1', '0', '2', '7', '0'],
      ['evil', '\'=HYPERLINK("http://x")', '1', '0', '0', '0', '1', '0', '0', '0', '0']
    ]);
  });

  it('the key figures compared: values, difference, percentage, „nicht vergleichbar“', () => {
    const rows = parse('vergleich', ';');
    expect(rows[0]).toEqual([
      'Kennzahl',
      'Schlüssel',
      'Zeitraum',
      'Wert',
      'Vorzeitraum',
      'Wert im Vorzeitraum',
      'Veränderung',
      'Veränderung in Prozent',
      'Vergleichbar'
    ]);
    const row = (key: string) => rows.find((r) => r[1] === key)!;
    // With the semicolon a decimal comma: 120 after 90 → +30, +33,3 %.
    expect(row('ownHumanCommits')).toEqual([
      'Commits von Menschen in eigenen Projekten',
      'ownHumanCommits',
      '2026-01-01 bis 2026-12-31',
      '120',
      '2025-01-01 bis 2025-12-31',
      '90',
      '30',
      '33,3',
      'ja'
    ]);
    // 5 after 5 (4 + 1 now): unchanged; 2 projects after 1: +100 %.
    expect(row('elsewhereCommits').slice(3, 9)).toEqual(['5', '2025-01-01 bis 2025-12-31', '5', '0', '0', 'ja']);
    expect(row('elsewhereProjects').slice(5, 9)).toEqual(['1', '1', '100', 'ja']);
    // From 0: no percentage.
    expect(row('contributors').slice(5, 9)).toEqual(['0', '1', '', 'ja']);
    // No lifecycle known before: not comparable, the cells stay empty.
    expect(row('ownActive').slice(3, 9)).toEqual(['1', '2025-01-01 bis 2025-12-31', '', '', '', 'nicht vergleichbar']);
  });

  it('the changed reuse, guarded against formulas', () => {
    expect(parse('nachnutzung-veraenderung')).toEqual([
      ['Projekt-ID', 'Projekt', 'Organisation-ID', 'Nachnutzende Organisation', 'Veränderung gegenüber dem Vorzeitraum', 'Nachweis'],
      ['termin', 'Terminbuchung', 'dortmund', "'@Dortmund", 'neu', 'beobachtet']
    ]);
  });

  it('ODS: the same tables, numbers as numbers', () => {
    const content = strFromU8(unzipSync(toOds(sheets))['content.xml']);
    assertWellFormed(content);
    const names = [...content.matchAll(/<table:table table:name="([^"]*)">/g)].map((m) => m[1]);
    expect(names.slice(-2)).toEqual(['Vergleich mit dem Vorzeitraum', 'Veränderte Nachnutzung']);
    expect(content).toContain('<text:p>Veränderung Commits</text:p>');
    expect(content).toContain('office:value-type="float" office:value="-1"');
    expect(content).toContain('<text:p>nicht vergleichbar</text:p>');
    expect(content).toContain('<text:p>&apos;@Dortmund</text:p>');
  });
});
