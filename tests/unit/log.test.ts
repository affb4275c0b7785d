/** Log records: lines for people, JSON lines with time and level for a log collector (systemd's journal). */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLog, logFormat } from '../../jobs/log';
import { tempDir } from '../helpers/db';

describe('log format', () => {
  it('is text by default, JSON under systemd or when asked', () => {
    expect(logFormat({})).toBe('text');
    expect(logFormat({ JOURNAL_STREAM: '8:12345' })).toBe('json');
    expect(logFormat({ JOURNAL_STREAM: '8:12345', ALLMENDE_LOG_FORMAT: 'text' })).toBe('text');
    expect(logFormat({ ALLMENDE_LOG_FORMAT: 'JSON' })).toBe('json');
  });

  it('writes one JSON object per line with time, level and the German message', () => {
    const line = formatLog('warn', 'Ratenlimit „github“ erschöpft\nzweite Zeile', 'json', new Date('2026-12-02T06:00:00Z'));
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2026-12-02T06:00:00.000Z',
      level: 'warn',
      msg: 'Ratenlimit „github“ erschöpft\nzweite Zeile'
    });
    expect(formatLog('info', 'Gesammelt', 'text')).toBe('Gesammelt');
  });

  it('is what the CLI writes: an error as one JSON line', () => {
    const result = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../bin/allmende.js'), 'derive'], {
      encoding: 'utf8',
      env: { ...process.env, ALLMENDE_DATA: tempDir('allmende-log-'), ALLMENDE_LOG_FORMAT: 'json' }
    });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', msg: expect.stringMatching(/^allmende: keine Datenbank unter /) });
  });
});
