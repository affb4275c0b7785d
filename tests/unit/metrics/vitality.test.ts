import { describe, expect, it } from 'vitest';
import {
  organisationsPoints,
  personsPoints,
  releasePoints,
  responsivenessPoints,
  vitality,
  type VitalityInput
} from '../../../src/lib/metrics/vitality';

const full: VitalityInput = {
  lifecycle: 'aktiv',
  hasCommits: true,
  hasTracker: true,
  activeWeeks26: 26,
  humanCommits180: 50,
  medianFirstResponseHours: 5,
  closureRatio: 1.4,
  personsFactor: 5,
  organisationsFactor: 3,
  daysSinceLastRelease: 10,
  hasReleases: true
};
const points = (v: ReturnType<typeof vitality>) => Object.fromEntries(v.components.map((c) => [c.key, c.points]));

describe('vitality (Vitalität)', () => {
  it('100 points for the best figures', () => {
    const v = vitality(full);
    expect(v).toMatchObject({ score: 100, coverage: 1 });
    expect(points(v)).toEqual({ regularity: 20, volume: 10, responsiveness: 20, backlog: 10, breadth: 25, releases: 15 });
  });

  it('the table of DESIGN §6, exactly', () => {
    expect([23.9, 24, 71.9, 72, 167, 168, 719, 720, 2159, 2160].map(responsivenessPoints)).toEqual([20, 16, 16, 12, 12, 6, 6, 2, 2, 0]);
    expect([null, 1, 2, 3, 4, 5, 9].map(personsPoints)).toEqual([0, 3, 10, 15, 15, 18, 18]);
    expect([null, 1, 2, 3, 7].map(organisationsPoints)).toEqual([0, 2, 5, 7, 7]);
    expect([null, 0, 89, 90, 179, 180, 364, 365, 729, 730].map(releasePoints)).toEqual([0, 15, 15, 11, 11, 7, 7, 3, 3, 0]);
    const v = vitality({ ...full, activeWeeks26: 13, humanCommits180: 0, closureRatio: 0.5, personsFactor: 1, organisationsFactor: 1 });
    expect(points(v)).toMatchObject({ regularity: 10, volume: 0, backlog: 5, breadth: 5 });
    expect(points(vitality({ ...full, humanCommits180: 5 })).volume).toBe(4.6);
  });

  it('no issue tracker: responsiveness and backlog left out, the rest scaled up', () => {
    const v = vitality({ ...full, hasTracker: false, medianFirstResponseHours: null, closureRatio: null, activeWeeks26: 13 });
    expect(points(v)).toMatchObject({ responsiveness: null, backlog: null });
    expect(v.coverage).toBe(0.7);
    expect(v.score).toBe(Math.round((100 * (10 + 10 + 25 + 15)) / 70));
    expect(v.components.find((c) => c.key === 'backlog')?.missingReason).toMatch(/Issue-Tracker/);
  });

  it('stabil leaves out Regelmäßigkeit and Umfang without lowering coverage', () => {
    const v = vitality({ ...full, lifecycle: 'stabil', activeWeeks26: 1, humanCommits180: 1 });
    expect(points(v)).toMatchObject({ regularity: null, volume: null });
    expect(v).toMatchObject({ score: 100, coverage: 1 });
  });

  it('below 40 % coverage: nicht bewertbar (null), never 0', () => {
    const v = vitality({ ...full, hasCommits: false, hasReleases: false, medianFirstResponseHours: 1, closureRatio: 1 });
    expect(v.coverage).toBe(0.3);
    expect(v.score).toBeNull();
  });

  it('all-bot activity scores low but is rated', () => {
    const v = vitality({
      ...full,
      activeWeeks26: 0,
      humanCommits180: 0,
      personsFactor: null,
      organisationsFactor: null,
      daysSinceLastRelease: null,
      medianFirstResponseHours: null,
      closureRatio: null
    });
    expect(v.score).toBe(0);
    expect(v.coverage).toBe(0.7);
  });
});

describe('vitality details in plain German', () => {
  it('names the figures behind the points', () => {
    const details = Object.fromEntries(
      vitality({ ...full, medianFirstResponseHours: 100, humanCommits180: 1 }).components.map((c) => [c.key, c.detail])
    );
    expect(details).toMatchObject({
      regularity: '26 von 26 Wochen aktiv',
      volume: '1 Commit von Personen in 180 Tagen',
      responsiveness: 'Erste Reaktion im Median nach 4 Tagen (90 Tage)',
      releases: 'Letzte Veröffentlichung vor 10 Tagen'
    });
  });
});
