/**
 * The Beschaffungs-Check (UX.md): the questions the KGSt report asks before adopting software,
 * answered per candidate from its ProjectReport, with the best value per row marked where there is
 * an order (licence and maintenance are choices, not rankings: no mark there). Dashboard-only.
 */
import type { ProjectReport } from './reports/types';
import { COPYLEFT_LABELS, MAINTENANCE_LABELS, isProviderKind, kindLabel, lifecycleInfo } from './labels';
import { M } from './methodik';
import { reusingOrganisations } from './metrics/reuse';
import { formatAgo, formatDate, formatHours, formatNumber, formatPercent, formatScore } from './format';
import { declaredLicenceNote, missingReason, organisationsText, personsText } from './reportText';

export interface Candidate {
  id: string;
  name: string;
  ownerName: string | null;
  report: ProjectReport | null;
}

export interface Cell {
  /** The answer in a few words; null = keine Daten (see `missing`). */
  answer: string | null;
  missing?: string;
  details: string[];
  /** Lifecycle to show as a badge (first row). */
  lifecycle?: string;
  isNew?: boolean;
  best: boolean;
  /** A risk worth a warning sign (shown with icon and word). */
  risk?: string;
}

export interface QuestionRow {
  key: string;
  question: string;
  /** What the answer consists of, in a few words. */
  basis: string;
  anchor: string;
  cells: Cell[];
  /** Whether this row ranks candidates at all. */
  ranked: boolean;
}

type Rank = number | null;

/** Marks the cells with the highest rank (ties all marked); nothing when fewer than two ranks differ. */
function markBest(cells: Cell[], ranks: Rank[]): void {
  const known = ranks.filter((r): r is number => r !== null);
  if (cells.length < 2 || known.length === 0) return;
  const top = Math.max(...known);
  const allEqual = known.length === ranks.length && known.every((r) => r === top);
  if (allEqual) return;
  ranks.forEach((r, i) => {
    if (r === top) cells[i].best = true;
  });
}

/** Providers who know the code: commits in the last 12 months, Mitentwicklung at any time, or a maintenance contract. */
function providers(report: ProjectReport): string[] {
  const names = new Set<string>();
  for (const o of report.organisations) if (isProviderKind(o.kind) && o.humanCommits > 0) names.add(o.name);
  for (const e of report.codevelopment ?? []) names.add(e.organisationName);
  for (const c of report.maintenance?.contractors ?? []) names.add(c);
  return [...names];
}

function reuseOrgs(report: ProjectReport): { observed: string[]; declared: string[] } {
  const orgs = reusingOrganisations(report.reuse);
  return { observed: orgs.filter((o) => o.observed).map((o) => o.name), declared: orgs.filter((o) => !o.observed).map((o) => o.name) };
}

const finding = (report: ProjectReport, key: string) => report.findings.find((f) => f.key === key);

export function buildProcurementRows(candidates: Candidate[]): QuestionRow[] {
  const none = (): Cell => ({ answer: null, missing: 'noch nicht ausgewertet', details: [], best: false });
  const rows: QuestionRow[] = [];
  const row = (
    key: string,
    question: string,
    basis: string,
    anchor: string,
    ranked: boolean,
    fill: (r: ProjectReport) => { cell: Omit<Cell, 'best'>; rank: Rank }
  ) => {
    const results = candidates.map((c) => (c.report ? fill(c.report) : { cell: none(), rank: null }));
    const cells = results.map((r) => ({ ...r.cell, best: false }));
    if (ranked)
      markBest(
        cells,
        results.map((r) => r.rank)
      );
    rows.push({ key, question, basis, anchor, cells, ranked });
  };

  row('lebt', 'Lebt das Projekt?', 'Zustand, Vitalität, letzte Änderung, letzte Veröffentlichung', M.zustand, true, (r) => {
    const details = [
      r.vitality.score === null
        ? `Vitalität nicht bewertbar (Datenabdeckung ${formatPercent(r.vitality.coverage)})`
        : `Vitalität ${formatScore(r.vitality.score)} von 100`,
      r.lastCommitAt ? `letzte Änderung ${formatAgo(r.lastCommitAt, r.asOf)}` : 'keine Änderung bekannt',
      r.window.lastRelease
        ? `letzte Veröffentlichung ${r.window.lastRelease.name}, ${formatAgo(r.window.lastRelease.date, r.asOf)}`
        : 'keine Veröffentlichung'
    ];
    const alive = ['aktiv', 'stabil'].includes(r.lifecycle);
    return {
      cell: {
        answer: lifecycleInfo(r.lifecycle).label,
        lifecycle: r.lifecycle,
        isNew: r.isNew,
        details,
        risk: alive ? undefined : lifecycleInfo(r.lifecycle).description
      },
      rank: r.vitality.score === null ? null : (alive ? 1000 : 0) + r.vitality.score
    };
  });

  row(
    'personen',
    'Hängt es an wenigen Personen?',
    'Abhängigkeit von wenigen Personen, Beitragende (12 Monate)',
    M.abhaengigkeit_personen,
    true,
    (r) => {
      const f = r.window.personsFactor;
      return {
        cell: {
          answer:
            f === null
              ? null
              : f <= 1
                ? 'ja, an einer Person'
                : f === 2
                  ? 'an zwei Personen'
                  : `nein, Hälfte der Arbeit von ${personsText(f)}`,
          missing: missingReason(r, 'persons'),
          details: [
            `${formatNumber(r.window.activeContributors)} Beitragende in 12 Monaten`,
            ...(f === null ? [] : [`Abhängigkeit von wenigen Personen: ${formatNumber(f)}`])
          ],
          risk: f !== null && f <= 1 ? 'Hängt an einer Person' : undefined
        },
        rank: f === null ? null : f * 1000 + r.window.activeContributors
      };
    }
  );

  row(
    'dienstleister',
    'Gibt es mehrere Dienstleister?',
    'Unternehmen und IT-Dienstleister mit Beiträgen, Forks (Mitentwicklung) oder Wartungsvertrag',
    M.abhaengigkeit_organisationen,
    true,
    (r) => {
      const p = providers(r);
      const orgs = r.window.organisationsFactor;
      const answer =
        p.length === 0
          ? 'kein Dienstleister beteiligt'
          : p.length === 1
            ? 'ein Dienstleister'
            : `${formatNumber(p.length)} Dienstleister – Wechsel möglich`;
      return {
        cell: {
          answer,
          details: [
            ...(p.length ? [p.join(', ')] : []),
            orgs === null
              ? 'Abhängigkeit von wenigen Organisationen: keine Daten'
              : `Abhängigkeit von wenigen Organisationen: ${organisationsText(orgs)}`
          ],
          risk: p.length === 1 && (orgs === null || orgs <= 1) ? 'Dienstleisterabhängigkeit' : undefined
        },
        rank: p.length * 10 + (orgs ?? 0)
      };
    }
  );

  row(
    'nutzung',
    'Wer nutzt es schon?',
    'Organisationen mit Nachnutzung, erklärt und beobachtet; Ansprechpartner*innen',
    M.nachnutzung,
    true,
    (r) => {
      const { observed, declared } = reuseOrgs(r);
      const contacts = r.maintenance?.contacts ?? [];
      return {
        cell: {
          answer:
            observed.length + declared.length === 0
              ? 'keine Nachnutzung bekannt'
              : `${formatNumber(observed.length + declared.length)} ${observed.length + declared.length === 1 ? 'Organisation' : 'Organisationen'}`,
          details: [
            ...(observed.length ? [`beobachtet: ${observed.join(', ')}`] : []),
            ...(declared.length ? [`nur erklärt: ${declared.join(', ')}`] : []),
            ...(contacts.length ? [`Ansprechpartner*innen: ${contacts.join(', ')}`] : [])
          ]
        },
        rank: observed.length * 100 + declared.length
      };
    }
  );

  row('lizenz', 'Welche Lizenz?', 'SPDX-Kennung, OSI/FSF, Copyleft, Änderungen', M.lizenz, false, (r) => {
    const l = r.licence;
    if (!l.spdx)
      return { cell: { answer: null, missing: missingReason(r, 'licence'), details: [], risk: 'Keine Lizenz erkannt' }, rank: null };
    return {
      cell: {
        answer: l.spdx,
        details: [
          [l.osiApproved ? 'OSI-anerkannt' : l.osiApproved === false ? 'nicht OSI-anerkannt' : null, l.fsfLibre ? 'FSF: frei' : null]
            .filter(Boolean)
            .join(', ') || 'Anerkennung unbekannt',
          l.copyleft ? COPYLEFT_LABELS[l.copyleft] : 'Copyleft unbekannt',
          l.changes.length === 0
            ? 'nie geändert'
            : `geändert am ${formatDate(l.changes.at(-1)!.date)} (${l.changes.at(-1)!.from ?? 'keine'} → ${l.changes.at(-1)!.to ?? 'keine'})`,
          ...(l.source === 'headers' ? ['nur aus den SPDX-Angaben der Dateien, keine Lizenzdatei nennt sie'] : []),
          ...(l.declared?.agrees === false ? [declaredLicenceNote(l)!] : [])
        ],
        risk: l.changes.length
          ? 'Lizenz geändert'
          : l.declared?.agrees === false
            ? 'Dateien nennen eine andere Lizenz'
            : l.source === 'headers'
              ? 'Keine Lizenzdatei'
              : undefined
      },
      rank: null
    };
  });

  row(
    'reaktion',
    'Reagiert das Projekt?',
    'Erste Reaktion (Median, 90 Tage), Antwort binnen 7 Tagen, offen ohne Antwort',
    M.erste_reaktion,
    true,
    (r) => {
      const h = r.window.medianFirstResponseHours;
      return {
        cell: {
          answer: h === null ? null : `erste Reaktion nach ${formatHours(h)}`,
          missing: missingReason(r, 'response'),
          details: [
            ...(r.window.answeredWithin7DaysShare === null
              ? []
              : [`${formatPercent(r.window.answeredWithin7DaysShare)} binnen 7 Tagen beantwortet`]),
            ...(r.window.unansweredOpenItems === null ? [] : [`${formatNumber(r.window.unansweredOpenItems)} offen ohne Antwort`])
          ],
          risk: finding(r, 'unanswered-issues')?.severity === 'warning' ? 'Issues ohne Antwort' : undefined
        },
        rank: h === null ? null : -h
      };
    }
  );

  row('sicherheit', 'Sicherheit?', 'Sicherheitsrichtlinie (SECURITY.md), Veröffentlichungen, Hinweise', M.hinweise, true, (r) => {
    const policy = finding(r, 'no-security-policy');
    const hasPolicy = policy ? policy.severity === 'ok' : null;
    const warnings = r.findings.filter((f) => f.severity === 'warning').length;
    const days = r.window.daysSinceLastRelease;
    return {
      cell: {
        answer:
          hasPolicy === null
            ? 'Sicherheitsrichtlinie: unbekannt'
            : hasPolicy
              ? 'Sicherheitsrichtlinie vorhanden'
              : 'keine Sicherheitsrichtlinie',
        details: [
          days === null ? 'keine Veröffentlichung' : `letzte Veröffentlichung vor ${formatNumber(days)} Tagen`,
          warnings === 0 ? 'keine Warnhinweise' : `${formatNumber(warnings)} ${warnings === 1 ? 'Warnhinweis' : 'Warnhinweise'}`
        ],
        risk: hasPolicy === false ? 'Keine Sicherheitsrichtlinie' : undefined
      },
      rank: (hasPolicy ? 10_000 : 0) + (days === null ? 0 : Math.max(0, 5000 - days)) - warnings
    };
  });

  row(
    'zersplitterung',
    'Zersplitterung?',
    'Abspaltungen (Forks) mit eigenen Änderungen, die nicht zurückfließen',
    M.zersplitterung,
    true,
    (r) => {
      const f = finding(r, 'fragmentation');
      const fragmented = !!f && f.severity !== 'ok';
      return {
        cell: {
          answer: fragmented ? f!.title : 'keine Zersplitterung bekannt',
          details: fragmented ? [f!.evidence] : [],
          risk: fragmented ? 'Zersplitterung' : undefined
        },
        rank: fragmented ? 0 : 1
      };
    }
  );

  row('wartung', 'Wie wird es gewartet?', 'publiccode.yml: maintenance.type und contractors', M.wartung, false, (r) => {
    const m = r.maintenance;
    if (!m) return { cell: { answer: null, missing: 'keine publiccode.yml mit Wartungsangaben', details: [] }, rank: null };
    return {
      cell: {
        answer: m.type ? (MAINTENANCE_LABELS[m.type] ?? m.type) : 'nicht angegeben',
        details: m.contractors.length ? [`Dienstleister: ${m.contractors.join(', ')}`] : []
      },
      rank: null
    };
  });

  return rows;
}

/** Owner kind label for headers („Kommune“). */
export function ownerKindLabel(kind: string | null | undefined): string {
  return kind ? kindLabel(kind) : '';
}
