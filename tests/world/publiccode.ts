/**
 * publiccode.yml texts: valid (0.4 / 0.3), outdated (0.2), and broken ones (invalid YAML, wrong types,
 * an alias bomb). Files for other texts in the root commit (README, SECURITY.md, CONTRIBUTING.md, .mailmap).
 */
import { PUBLICCODE_LICENCE, type Spdx } from './data';
import type { MailmapEntry, PubliccodeStatus } from './internal';

export interface PubliccodeInput {
  status: PubliccodeStatus;
  name: string;
  url: string;
  owner: string;
  licence: Spdx;
  category: string;
  usedBy: string[];
  isBasedOn: string | null;
  contact: string;
  releaseDate: string;
  version: string;
}

function q(s: string): string {
  return JSON.stringify(s);
}

export function publiccodeText(p: PubliccodeInput): string | null {
  switch (p.status) {
    case 'missing':
      return null;
    case 'valid':
      return [
        'publiccodeYmlVersion: "0.4"',
        `name: ${q(p.name)}`,
        `url: ${q(p.url)}`,
        ...(p.isBasedOn ? [`isBasedOn:`, `  - ${q(p.isBasedOn)}`] : []),
        `softwareVersion: ${q(p.version)}`,
        `releaseDate: ${q(p.releaseDate)}`,
        'platforms:',
        '  - web',
        'categories:',
        `  - ${p.category}`,
        'developmentStatus: stable',
        'softwareType: standalone/web',
        ...(p.usedBy.length ? ['usedBy:', ...p.usedBy.map((u) => `  - ${q(u)}`)] : []),
        'organisation:',
        `  name: ${q(p.owner)}`,
        'description:',
        '  de:',
        `    shortDescription: ${q(`${p.name} für Kommunen`)}`,
        '    longDescription: >',
        `      ${p.name} ist eine quelloffene Anwendung für die öffentliche Verwaltung. Sie wird von`,
        `      ${p.owner} entwickelt und steht anderen Kommunen zur Nachnutzung zur Verfügung. Die`,
        '      Anwendung ist barrierefrei (BITV 2.0) und datenschutzkonform betreibbar.',
        '    features:',
        '      - Barrierefreie Oberfläche',
        '      - Schnittstellen nach XÖV',
        'legal:',
        `  license: ${PUBLICCODE_LICENCE[p.licence]}`,
        `  mainCopyrightOwner: ${q(p.owner)}`,
        `  repoOwner: ${q(p.owner)}`,
        'maintenance:',
        '  type: internal',
        '  contacts:',
        `    - name: ${q(p.contact)}`,
        'localisation:',
        '  localisationReady: true',
        '  availableLanguages:',
        '    - de',
        ''
      ].join('\n');
    case 'outdated':
      return [
        "publiccodeYmlVersion: '0.2'",
        `name: ${p.name}`,
        `url: ${q(p.url)}`,
        'softwareVersion: "0.9.1"',
        'releaseDate: "2019-04-12"',
        'platforms:',
        '  - web',
        'categories:',
        `  - ${p.category}`,
        'developmentStatus: beta',
        'softwareType: standalone/web',
        'description:',
        '  de:',
        `    shortDescription: ${q(p.name)}`,
        '    longDescription: >',
        `      Altes Verfahren von ${p.owner}. Diese Beschreibung stammt aus der ersten Version und wurde seitdem`,
        '      nicht mehr gepflegt; Angaben zu Version und Veröffentlichung sind veraltet.',
        '    features:',
        '      - Grundfunktionen',
        'legal:',
        `  license: ${PUBLICCODE_LICENCE[p.licence]}`,
        `  mainCopyrightOwner: ${p.owner}`,
        'maintenance:',
        '  type: contract',
        '  contractors:',
        '    - name: "Dataport AöR"',
        '      until: "2021-12-31"',
        'localisation:',
        '  localisationReady: false',
        '  availableLanguages: [de]',
        ''
      ].join('\n');
    case 'invalid-yaml':
      return [
        'publiccodeYmlVersion: "0.4"',
        `name: ${q(p.name)}`,
        'description:',
        '  de:',
        '\tshortDescription: "Tabulator statt Leerzeichen',
        '    longDescription: [nicht geschlossen',
        'legal: {license: EUPL-1.2',
        ''
      ].join('\n');
    case 'wrong-types':
      return [
        'publiccodeYmlVersion: 0.4',
        `name: ${q(p.name)}`,
        `url: 42`,
        'softwareVersion: 1.2',
        'releaseDate: gestern',
        'platforms: web',
        'categories: 7',
        'developmentStatus: 5',
        'softwareType: [standalone/web]',
        `usedBy: ${q(p.owner)}`,
        'legal: MIT',
        'maintenance:',
        '  type: vielleicht',
        '  contacts: niemand',
        'description: true',
        ''
      ].join('\n');
    case 'alias-bomb': {
      const lines = ['publiccodeYmlVersion: "0.4"', `name: ${q(p.name)}`, 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      const letters = 'abcdefghij';
      for (let i = 1; i < letters.length; i++) {
        const prev = letters[i - 1];
        lines.push(`${letters[i]}: &${letters[i]} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
      }
      lines.push('description:', '  de:', '    shortDescription: *j', '');
      return lines.join('\n');
    }
  }
}

export function mailmapText(entries: MailmapEntry[]): string {
  return (
    '# Zuordnung alter Adressen\n' +
    entries.map((e) => `${e.properName} <${e.properEmail}>${e.commitName ? ` ${e.commitName}` : ''} <${e.commitEmail}>`).join('\n') +
    '\n'
  );
}

export function readmeText(name: string, owner: string): string {
  return `# ${name}\n\n${name} – Open Source von ${owner}.\n\nNachnutzung ausdrücklich erwünscht.\n`;
}

export const SECURITY_MD =
  '# Sicherheit\n\nBitte melden Sie Schwachstellen vertraulich an security@example.org (PGP-Schlüssel auf Anfrage).\n';
export const CONTRIBUTING_MD =
  '# Mitwirken\n\nBeiträge sind willkommen. Bitte eröffnen Sie zuerst ein Issue und halten Sie sich an den Verhaltenskodex.\n';
export const GITIGNORE = 'node_modules/\ndist/\n.env\n';
