/**
 * Static material for the world: organisations (real German municipalities, counties, a state, public
 * IT service providers, companies, civil society), names, licence texts, commit messages and titles.
 */
import type { OrganisationKind } from './model';

export interface OrgDef {
  id: string;
  name: string;
  kind: OrganisationKind;
  region?: string;
  ags?: string;
  domains: string[];
  /** GitHub organisation login. */
  github?: string;
  /** OpenCoDE (GitLab) top-level group path. */
  gitlab?: string;
  /** Subgroups below the top-level group (relative names). */
  subgroups?: string[];
  /** Smallest world size that contains this organisation. */
  tier: 'tiny' | 'demo' | 'bench';
}

export const ORGS: OrgDef[] = [
  // --- tiny ---------------------------------------------------------------------------------------
  {
    id: 'ulm',
    name: 'Stadt Ulm',
    kind: 'municipality',
    region: 'DE-BW',
    ags: '08421000',
    domains: ['ulm.de'],
    github: 'stadt-ulm',
    gitlab: 'ulm',
    subgroups: ['digital'],
    tier: 'tiny'
  },
  {
    id: 'dortmund',
    name: 'Stadt Dortmund',
    kind: 'municipality',
    region: 'DE-NW',
    ags: '05913000',
    domains: ['dortmund.de', 'stadtdo.de'],
    github: 'stadtdortmund',
    gitlab: 'dortmund',
    tier: 'tiny'
  },
  {
    id: 'dataport',
    name: 'Dataport AöR',
    kind: 'it-service-provider',
    region: 'DE-SH',
    domains: ['dataport.de'],
    github: 'dataport',
    gitlab: 'dataport',
    subgroups: ['kommunal', 'kommunal/fachverfahren'],
    tier: 'tiny'
  },
  {
    id: 'alb-donau-kreis',
    name: 'Alb-Donau-Kreis',
    kind: 'county',
    region: 'DE-BW',
    ags: '08425000',
    domains: ['alb-donau-kreis.de'],
    gitlab: 'alb-donau-kreis',
    tier: 'tiny'
  },
  {
    id: 'oklab-ulm',
    name: 'OK Lab Ulm (Verschwörhaus)',
    kind: 'civil-society',
    region: 'DE-BW',
    domains: ['verschwoerhaus.de'],
    github: 'oklab-ulm',
    tier: 'tiny'
  },
  // --- demo ---------------------------------------------------------------------------------------
  {
    id: 'schleswig-holstein',
    name: 'Land Schleswig-Holstein',
    kind: 'state',
    region: 'DE-SH',
    ags: '01000000',
    domains: ['schleswig-holstein.de', 'landsh.de'],
    github: 'schleswig-holstein',
    gitlab: 'schleswig-holstein',
    subgroups: ['ministerium-digitalisierung'],
    tier: 'demo'
  },
  {
    id: 'akdb',
    name: 'AKDB',
    kind: 'it-service-provider',
    region: 'DE-BY',
    domains: ['akdb.de'],
    github: 'akdb',
    gitlab: 'akdb',
    tier: 'demo'
  },
  {
    id: 'ekom21',
    name: 'ekom21 – KGRZ Hessen',
    kind: 'it-service-provider',
    region: 'DE-HE',
    domains: ['ekom21.de'],
    gitlab: 'ekom21',
    tier: 'demo'
  },
  {
    id: 'kdo',
    name: 'KDO Zweckverband Kommunale Datenverarbeitung Oldenburg',
    kind: 'it-service-provider',
    region: 'DE-NI',
    domains: ['kdo.de'],
    gitlab: 'kdo',
    tier: 'demo'
  },
  {
    id: 'komm-one',
    name: 'Komm.ONE',
    kind: 'it-service-provider',
    region: 'DE-BW',
    domains: ['komm.one'],
    github: 'komm-one',
    gitlab: 'komm-one',
    tier: 'demo'
  },
  {
    id: 'regio-it',
    name: 'regio iT',
    kind: 'it-service-provider',
    region: 'DE-NW',
    domains: ['regioit.de'],
    gitlab: 'regio-it',
    tier: 'demo'
  },
  { id: 'citeq', name: 'citeq', kind: 'it-service-provider', region: 'DE-NW', domains: ['citeq.de'], github: 'citeq', tier: 'demo' },
  {
    id: 'muenchen',
    name: 'Landeshauptstadt München',
    kind: 'municipality',
    region: 'DE-BY',
    ags: '09162000',
    domains: ['muenchen.de'],
    github: 'it-at-m',
    gitlab: 'muenchen',
    tier: 'demo'
  },
  {
    id: 'koeln',
    name: 'Stadt Köln',
    kind: 'municipality',
    region: 'DE-NW',
    ags: '05315000',
    domains: ['stadt-koeln.de'],
    github: 'stadt-koeln',
    gitlab: 'koeln',
    tier: 'demo'
  },
  {
    id: 'leipzig',
    name: 'Stadt Leipzig',
    kind: 'municipality',
    region: 'DE-SN',
    ags: '14713000',
    domains: ['leipzig.de'],
    gitlab: 'leipzig',
    tier: 'demo'
  },
  {
    id: 'freiburg',
    name: 'Stadt Freiburg im Breisgau',
    kind: 'municipality',
    region: 'DE-BW',
    ags: '08311000',
    domains: ['stadt.freiburg.de', 'freiburg.de'],
    github: 'stadt-freiburg',
    tier: 'demo'
  },
  {
    id: 'bonn',
    name: 'Bundesstadt Bonn',
    kind: 'municipality',
    region: 'DE-NW',
    ags: '05314000',
    domains: ['bonn.de'],
    github: 'stadtbonn',
    gitlab: 'bonn',
    tier: 'demo'
  },
  {
    id: 'muenster',
    name: 'Stadt Münster',
    kind: 'municipality',
    region: 'DE-NW',
    ags: '05515000',
    domains: ['stadt-muenster.de'],
    github: 'stadt-muenster',
    tier: 'demo'
  },
  {
    id: 'karlsruhe',
    name: 'Stadt Karlsruhe',
    kind: 'municipality',
    region: 'DE-BW',
    ags: '08212000',
    domains: ['karlsruhe.de'],
    gitlab: 'karlsruhe',
    tier: 'demo'
  },
  {
    id: 'heidelberg',
    name: 'Stadt Heidelberg',
    kind: 'municipality',
    region: 'DE-BW',
    ags: '08221000',
    domains: ['heidelberg.de'],
    github: 'stadt-heidelberg',
    tier: 'demo'
  },
  {
    id: 'kiel',
    name: 'Landeshauptstadt Kiel',
    kind: 'municipality',
    region: 'DE-SH',
    ags: '01002000',
    domains: ['kiel.de'],
    gitlab: 'kiel',
    tier: 'demo'
  },
  {
    id: 'luebeck',
    name: 'Hansestadt Lübeck',
    kind: 'municipality',
    region: 'DE-SH',
    ags: '01003000',
    domains: ['luebeck.de'],
    gitlab: 'luebeck',
    tier: 'demo'
  },
  {
    id: 'dresden',
    name: 'Landeshauptstadt Dresden',
    kind: 'municipality',
    region: 'DE-SN',
    ags: '14612000',
    domains: ['dresden.de'],
    github: 'stadt-dresden',
    tier: 'demo'
  },
  {
    id: 'jena',
    name: 'Stadt Jena',
    kind: 'municipality',
    region: 'DE-TH',
    ags: '16053000',
    domains: ['jena.de'],
    github: 'stadt-jena',
    tier: 'demo'
  },
  {
    id: 'potsdam',
    name: 'Landeshauptstadt Potsdam',
    kind: 'municipality',
    region: 'DE-BB',
    ags: '12054000',
    domains: ['rathaus.potsdam.de', 'potsdam.de'],
    gitlab: 'potsdam',
    tier: 'demo'
  },
  {
    id: 'darmstadt',
    name: 'Wissenschaftsstadt Darmstadt',
    kind: 'municipality',
    region: 'DE-HE',
    ags: '06411000',
    domains: ['darmstadt.de'],
    github: 'stadt-darmstadt',
    tier: 'demo'
  },
  {
    id: 'nuernberg',
    name: 'Stadt Nürnberg',
    kind: 'municipality',
    region: 'DE-BY',
    ags: '09564000',
    domains: ['stadt.nuernberg.de'],
    gitlab: 'nuernberg',
    tier: 'demo'
  },
  {
    id: 'hannover',
    name: 'Landeshauptstadt Hannover',
    kind: 'municipality',
    region: 'DE-NI',
    ags: '03241001',
    domains: ['hannover-stadt.de'],
    gitlab: 'hannover',
    tier: 'demo'
  },
  {
    id: 'aachen',
    name: 'Stadt Aachen',
    kind: 'municipality',
    region: 'DE-NW',
    ags: '05334002',
    domains: ['mail.aachen.de'],
    github: 'stadt-aachen',
    tier: 'demo'
  },
  {
    id: 'mainz',
    name: 'Landeshauptstadt Mainz',
    kind: 'municipality',
    region: 'DE-RP',
    ags: '07315000',
    domains: ['stadt.mainz.de'],
    gitlab: 'mainz',
    tier: 'demo'
  },
  {
    id: 'rostock',
    name: 'Hanse- und Universitätsstadt Rostock',
    kind: 'municipality',
    region: 'DE-MV',
    ags: '13003000',
    domains: ['rostock.de'],
    github: 'hro',
    tier: 'demo'
  },
  {
    id: 'halle',
    name: 'Stadt Halle (Saale)',
    kind: 'municipality',
    region: 'DE-ST',
    ags: '15002000',
    domains: ['halle.de'],
    gitlab: 'halle',
    tier: 'demo'
  },
  {
    id: 'saarbruecken',
    name: 'Landeshauptstadt Saarbrücken',
    kind: 'municipality',
    region: 'DE-SL',
    ags: '10041100',
    domains: ['saarbruecken.de'],
    gitlab: 'saarbruecken',
    tier: 'demo'
  },
  {
    id: 'kreis-nordfriesland',
    name: 'Kreis Nordfriesland',
    kind: 'county',
    region: 'DE-SH',
    ags: '01054000',
    domains: ['nordfriesland.de'],
    gitlab: 'nordfriesland',
    tier: 'demo'
  },
  {
    id: 'lk-harburg',
    name: 'Landkreis Harburg',
    kind: 'county',
    region: 'DE-NI',
    ags: '03353000',
    domains: ['lkharburg.de'],
    gitlab: 'lk-harburg',
    tier: 'demo'
  },
  {
    id: 'rhein-sieg-kreis',
    name: 'Rhein-Sieg-Kreis',
    kind: 'county',
    region: 'DE-NW',
    ags: '05382000',
    domains: ['rhein-sieg-kreis.de'],
    github: 'rhein-sieg-kreis',
    tier: 'demo'
  },
  {
    id: 'lk-goerlitz',
    name: 'Landkreis Görlitz',
    kind: 'county',
    region: 'DE-SN',
    ags: '14626000',
    domains: ['kreis-gr.de'],
    gitlab: 'lk-goerlitz',
    tier: 'demo'
  },
  {
    id: 'werkbank-it',
    name: 'Werkbank IT GmbH',
    kind: 'company',
    region: 'DE-BE',
    domains: ['werkbank-it.de'],
    github: 'werkbank-it',
    gitlab: 'werkbank-it',
    tier: 'demo'
  },
  {
    id: 'nordlicht',
    name: 'Nordlicht Digital GmbH',
    kind: 'company',
    region: 'DE-HH',
    domains: ['nordlicht-digital.de'],
    github: 'nordlicht-digital',
    tier: 'demo'
  },
  {
    id: 'civitas',
    name: 'Civitas Software GmbH',
    kind: 'company',
    region: 'DE-NW',
    domains: ['civitas-software.de'],
    gitlab: 'civitas',
    tier: 'demo'
  },
  {
    id: 'fokus',
    name: 'Fraunhofer FOKUS',
    kind: 'research',
    region: 'DE-BE',
    domains: ['fokus.fraunhofer.de'],
    github: 'fraunhofer-fokus',
    tier: 'demo'
  },
  {
    id: 'oklab-koeln',
    name: 'OK Lab Köln',
    kind: 'civil-society',
    region: 'DE-NW',
    domains: ['codefor.de'],
    github: 'codeforcologne',
    tier: 'demo'
  },
  {
    id: 'zendis',
    name: 'Zentrum für Digitale Souveränität der Öffentlichen Verwaltung (ZenDiS)',
    kind: 'federal',
    domains: ['zendis.de'],
    gitlab: 'zendis',
    tier: 'demo'
  },
  // --- bench --------------------------------------------------------------------------------------
  {
    id: 'stuttgart',
    name: 'Landeshauptstadt Stuttgart',
    kind: 'municipality',
    region: 'DE-BW',
    ags: '08111000',
    domains: ['stuttgart.de'],
    gitlab: 'stuttgart',
    tier: 'bench'
  },
  {
    id: 'mannheim',
    name: 'Stadt Mannheim',
    kind: 'municipality',
    region: 'DE-BW',
    ags: '08222000',
    domains: ['mannheim.de'],
    github: 'stadt-mannheim',
    tier: 'bench'
  },
  {
    id: 'augsburg',
    name: 'Stadt Augsburg',
    kind: 'municipality',
    region: 'DE-BY',
    ags: '09761000',
    domains: ['augsburg.de'],
    gitlab: 'augsburg',
    tier: 'bench'
  },
  {
    id: 'regensburg',
    name: 'Stadt Regensburg',
    kind: 'municipality',
    region: 'DE-BY',
    ags: '09362000',
    domains: ['regensburg.de'],
    github: 'stadt-regensburg',
    tier: 'bench'
  },
  {
    id: 'wiesbaden',
    name: 'Landeshauptstadt Wiesbaden',
    kind: 'municipality',
    region: 'DE-HE',
    ags: '06414000',
    domains: ['wiesbaden.de'],
    gitlab: 'wiesbaden',
    tier: 'bench'
  },
  {
    id: 'kassel',
    name: 'Stadt Kassel',
    kind: 'municipality',
    region: 'DE-HE',
    ags: '06611000',
    domains: ['kassel.de'],
    github: 'stadt-kassel',
    tier: 'bench'
  },
  {
    id: 'braunschweig',
    name: 'Stadt Braunschweig',
    kind: 'municipality',
    region: 'DE-NI',
    ags: '03101000',
    domains: ['braunschweig.de'],
    gitlab: 'braunschweig',
    tier: 'bench'
  },
  {
    id: 'osnabrueck',
    name: 'Stadt Osnabrück',
    kind: 'municipality',
    region: 'DE-NI',
    ags: '03404000',
    domains: ['osnabrueck.de'],
    github: 'stadt-osnabrueck',
    tier: 'bench'
  },
  {
    id: 'oldenburg',
    name: 'Stadt Oldenburg (Oldb)',
    kind: 'municipality',
    region: 'DE-NI',
    ags: '03403000',
    domains: ['stadt-oldenburg.de'],
    gitlab: 'oldenburg',
    tier: 'bench'
  },
  {
    id: 'wuppertal',
    name: 'Stadt Wuppertal',
    kind: 'municipality',
    region: 'DE-NW',
    ags: '05124000',
    domains: ['stadt.wuppertal.de'],
    github: 'stadt-wuppertal',
    tier: 'bench'
  },
  {
    id: 'gelsenkirchen',
    name: 'Stadt Gelsenkirchen',
    kind: 'municipality',
    region: 'DE-NW',
    ags: '05513000',
    domains: ['gelsenkirchen.de'],
    gitlab: 'gelsenkirchen',
    tier: 'bench'
  },
  {
    id: 'trier',
    name: 'Stadt Trier',
    kind: 'municipality',
    region: 'DE-RP',
    ags: '07211000',
    domains: ['trier.de'],
    gitlab: 'trier',
    tier: 'bench'
  },
  {
    id: 'magdeburg',
    name: 'Landeshauptstadt Magdeburg',
    kind: 'municipality',
    region: 'DE-ST',
    ags: '15003000',
    domains: ['magdeburg.de'],
    github: 'stadt-magdeburg',
    tier: 'bench'
  },
  {
    id: 'schwerin',
    name: 'Landeshauptstadt Schwerin',
    kind: 'municipality',
    region: 'DE-MV',
    ags: '13004000',
    domains: ['schwerin.de'],
    gitlab: 'schwerin',
    tier: 'bench'
  },
  {
    id: 'erfurt',
    name: 'Landeshauptstadt Erfurt',
    kind: 'municipality',
    region: 'DE-TH',
    ags: '16051000',
    domains: ['erfurt.de'],
    github: 'stadt-erfurt',
    tier: 'bench'
  },
  {
    id: 'goettingen',
    name: 'Stadt Göttingen',
    kind: 'municipality',
    region: 'DE-NI',
    ags: '03159016',
    domains: ['goettingen.de'],
    gitlab: 'goettingen',
    tier: 'bench'
  },
  {
    id: 'lk-muenchen',
    name: 'Landkreis München',
    kind: 'county',
    region: 'DE-BY',
    ags: '09184000',
    domains: ['lra-m.bayern.de'],
    gitlab: 'lk-muenchen',
    tier: 'bench'
  },
  {
    id: 'main-kinzig-kreis',
    name: 'Main-Kinzig-Kreis',
    kind: 'county',
    region: 'DE-HE',
    ags: '06435000',
    domains: ['mkk.de'],
    github: 'main-kinzig-kreis',
    tier: 'bench'
  },
  {
    id: 'kreis-rz',
    name: 'Kreis Herzogtum Lauenburg',
    kind: 'county',
    region: 'DE-SH',
    ags: '01053000',
    domains: ['kreis-rz.de'],
    gitlab: 'kreis-rz',
    tier: 'bench'
  },
  { id: 'lecos', name: 'Lecos GmbH', kind: 'it-service-provider', region: 'DE-SN', domains: ['lecos.de'], gitlab: 'lecos', tier: 'bench' },
  {
    id: 'krzn',
    name: 'Kommunales Rechenzentrum Niederrhein (KRZN)',
    kind: 'it-service-provider',
    region: 'DE-NW',
    domains: ['krzn.de'],
    github: 'krzn',
    tier: 'bench'
  },
  { id: 'sit', name: 'Südwestfalen-IT', kind: 'it-service-provider', region: 'DE-NW', domains: ['sit.nrw'], gitlab: 'sit', tier: 'bench' },
  {
    id: 'itk-rheinland',
    name: 'ITK Rheinland',
    kind: 'it-service-provider',
    region: 'DE-NW',
    domains: ['itk-rheinland.de'],
    gitlab: 'itk-rheinland',
    tier: 'bench'
  },
  {
    id: 'okfn',
    name: 'Open Knowledge Foundation Deutschland',
    kind: 'civil-society',
    region: 'DE-BE',
    domains: ['okfn.de'],
    github: 'okfde',
    tier: 'bench'
  },
  {
    id: 'stadtlabor',
    name: 'Stadtlabor Software GmbH',
    kind: 'company',
    region: 'DE-BY',
    domains: ['stadtlabor-software.de'],
    github: 'stadtlabor',
    gitlab: 'stadtlabor',
    tier: 'bench'
  }
];

export const FIRST_NAMES = [
  'Anna',
  'Lena',
  'Sabine',
  'Julia',
  'Katrin',
  'Miriam',
  'Petra',
  'Sophie',
  'Hannah',
  'Laura',
  'Nadine',
  'Claudia',
  'Frauke',
  'Ines',
  'Marlene',
  'Greta',
  'Aylin',
  'Elif',
  'Zeynep',
  'Olga',
  'Natalia',
  'Birgit',
  'Ulrike',
  'Doris',
  'Thomas',
  'Michael',
  'Stefan',
  'Andreas',
  'Markus',
  'Tobias',
  'Jan',
  'Lukas',
  'Felix',
  'Jonas',
  'Florian',
  'Sebastian',
  'Matthias',
  'Christian',
  'Daniel',
  'Philipp',
  'Niklas',
  'Moritz',
  'Timo',
  'Kai',
  'Ole',
  'Hauke',
  'Mehmet',
  'Emre',
  'Dmitri',
  'Pawel',
  'Björn',
  'Jörg',
  'Uwe',
  'Günter',
  'Sören',
  'Jürgen',
  'Käthe',
  'Gülşen',
  'Zoë',
  'René'
];

export const LAST_NAMES = [
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Köhler',
  'Maier',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Lang',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Vogel',
  'Friedrich',
  'Keller',
  'Günther',
  'Frank',
  'Berger',
  'Winkler',
  'Roth',
  'Beck',
  'Lorenz',
  'Baumann',
  'Franke',
  'Albrecht',
  'Schuster',
  'Simon',
  'Ludwig',
  'Böhm',
  'Winter',
  'Kraus',
  'Martin',
  'Schumacher',
  'Krüger',
  'Öztürk',
  'Yıldız',
  'Kowalski',
  'Nowak',
  'Petersen',
  'Jensen',
  'Janßen',
  'Brandt',
  'Haas',
  'Sommer',
  'Graf',
  'Thiel'
];

export const PERSONAL_DOMAINS = ['gmail.com', 'web.de', 'gmx.de', 'posteo.de', 'outlook.com', 't-online.de'];

export type Spdx = 'MIT' | 'EUPL-1.2' | 'Apache-2.0' | 'GPL-3.0' | 'AGPL-3.0';

export const LICENCES: Spdx[] = ['EUPL-1.2', 'MIT', 'Apache-2.0', 'GPL-3.0', 'AGPL-3.0'];

/** SPDX expression as written in publiccode.yml. */
export const PUBLICCODE_LICENCE: Record<Spdx, string> = {
  MIT: 'MIT',
  'EUPL-1.2': 'EUPL-1.2',
  'Apache-2.0': 'Apache-2.0',
  'GPL-3.0': 'GPL-3.0-or-later',
  'AGPL-3.0': 'AGPL-3.0-only'
};

/** The first lines of the real licence texts: enough for licence detection by text. */
export function licenceText(spdx: Spdx, year: number, holder: string): string {
  switch (spdx) {
    case 'MIT':
      return `MIT License\n\nCopyright (c) ${year} ${holder}\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n`;
    case 'EUPL-1.2':
      return `EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n\nThis European Union Public Licence (the ‘EUPL’) applies to the Work (as defined below) which is provided under the\nterms of this Licence. Any use of the Work, other than as authorised under this Licence is prohibited (to the extent such\nuse is covered by a right of the copyright holder of the Work).\n`;
    case 'Apache-2.0':
      return `\n                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/\n\n   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n`;
    case 'GPL-3.0':
      return `                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n Everyone is permitted to copy and distribute verbatim copies\n of this license document, but changing it is not allowed.\n`;
    case 'AGPL-3.0':
      return `                    GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007\n\n Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n Everyone is permitted to copy and distribute verbatim copies\n of this license document, but changing it is not allowed.\n`;
  }
}

export const COMMIT_MESSAGES = [
  'Fix Terminvergabe an Feiertagen',
  'Barrierefreiheit: Kontraste im Formular verbessert',
  'Add CSV export for Auswertung',
  'Refactor Datenbankzugriff',
  'Update README',
  'Tippfehler in der Dokumentation korrigiert',
  'Add unit tests for Gebührenberechnung',
  'Fix Zeitzonenfehler bei Sommerzeit',
  'Übersetzungen ergänzt',
  'Bump version',
  'Logging verbessert',
  'Fix XSS in Suchfeld',
  'Add OpenAPI description',
  'Schnittstelle zu XÖV-Nachrichten angepasst',
  'Remove unused dependencies',
  'Performance der Kartenansicht verbessert',
  'Add Dockerfile',
  'CI: Pipeline für OpenCoDE angepasst',
  'Fix pagination in API',
  'Datenschutzhinweis aktualisiert',
  'Handle empty Adressliste',
  'Migrate to Node 20',
  'Mehrsprachigkeit vorbereitet',
  'Fix: Umlaute im PDF-Export',
  'Improve error messages',
  'Add health check endpoint',
  'Konfiguration über Umgebungsvariablen',
  'Fix flaky test',
  'Update Lizenzhinweise',
  'Karte: neue Layer für Baustellen'
];

export const ISSUE_TITLES = [
  'Termin kann nicht storniert werden',
  'Fehler beim PDF-Export mit Umlauten',
  'Feature request: iCal export',
  'Barrierefreiheit: Screenreader liest Formular falsch vor',
  'Dokumentation zur Installation unvollständig',
  'API liefert 500 bei leerer Suche',
  'Unterstützung für OpenID Connect',
  'Kartenansicht lädt sehr langsam',
  'Wrong timezone in notifications',
  'Docker image fehlt auf OpenCoDE',
  'Falsche Öffnungszeiten bei Feiertagen',
  'Wie kann ich das für unsere Kommune anpassen?',
  'Sicherheitslücke in Abhängigkeit',
  'Mehrmandantenfähigkeit',
  'Typo in German translation',
  'Abfalltermine für 2026 fehlen',
  '<script>alert("xss")</script> im Titel',
  'Login mit BundID',
  'Import von XML-Daten schlägt fehl',
  'Bitte Lizenz klären'
];

export const PR_TITLES = [
  'Add iCal export',
  'Fix typo in README',
  'Umlaute im PDF-Export korrigieren',
  'Add German translation for error pages',
  'Refactor Konfiguration',
  'Improve accessibility of the booking form',
  'Add Helm chart',
  'Anpassungen für den Einsatz in unserer Kommune',
  'Fix timezone handling',
  'Update dependencies'
];

export const COMMENT_BODIES = [
  'Danke für die Meldung, wir schauen uns das an.',
  'Kann ich reproduzieren.',
  'Thanks, fixed in the next release.',
  'Gibt es hierzu schon Neuigkeiten?',
  'Wir haben das gleiche Problem in unserer Verwaltung.',
  'Könnten Sie bitte die Version angeben?',
  'LGTM',
  'Ist mit dem letzten Release behoben.',
  'Das ist so gewollt, siehe Dokumentation.',
  '+1',
  'Ich kümmere mich darum.',
  'Any update on this?'
];

export const PROJECT_TOPICS = [
  ['Terminbuchung', 'appointment-scheduling'],
  ['Ratsinformationssystem', 'document-management'],
  ['Abfallkalender', 'event-management'],
  ['Mitfahrbank', 'fleet-management'],
  ['Formularserver', 'data-collection'],
  ['Bürgerbeteiligung', 'online-community'],
  ['Mängelmelder', 'feedback-and-reviews-management'],
  ['Geoportal', 'geographic-information-systems'],
  ['Open-Data-Portal', 'data-analytics'],
  ['Parkleitsystem', 'data-visualization'],
  ['Baustelleninfo', 'geographic-information-systems'],
  ['Kita-Platzvergabe', 'resource-management'],
  ['Haushaltsvisualisierung', 'data-visualization'],
  ['Sitzungsdienst', 'document-management'],
  ['Veranstaltungskalender', 'event-management'],
  ['Fundbüro', 'inventory-management'],
  ['Hundesteuer-Online', 'taxes-management'],
  ['Wahlergebnisse', 'data-visualization'],
  ['Schulwegplaner', 'geographic-information-systems'],
  ['Bibliothekskatalog', 'knowledge-management'],
  ['Stadtbaum-Kataster', 'geographic-information-systems'],
  ['Feinstaub-Messnetz', 'data-collection'],
  ['Radwege-Karte', 'geographic-information-systems'],
  ['Chatbot Bürgerservice', 'customer-service-and-support'],
  ['E-Akte-Schnittstelle', 'document-management'],
  ['Personalausweis-Terminwarteschlange', 'visitor-management'],
  ['Sperrmüll-Anmeldung', 'online-booking'],
  ['Friedhofsverwaltung', 'property-management'],
  ['Ehrenamtsbörse', 'online-community'],
  ['Wohngeldrechner', 'accounting']
];

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
