/**
 * How the commands report: plain German lines on a terminal or in a pipe, JSON lines with time and
 * level for a log collector — under systemd (JOURNAL_STREAM is set when stderr goes to the journal)
 * or with ALLMENDE_LOG_FORMAT=json; ALLMENDE_LOG_FORMAT=text forces lines.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export function logFormat(env: NodeJS.ProcessEnv = process.env): 'json' | 'text' {
  const wanted = env.ALLMENDE_LOG_FORMAT?.toLowerCase();
  if (wanted === 'json' || wanted === 'text') return wanted;
  return env.JOURNAL_STREAM ? 'json' : 'text';
}

/** One record as the chosen format writes it (without the newline). */
export function formatLog(level: LogLevel, message: string, format: 'json' | 'text', now = new Date()): string {
  return format === 'json' ? JSON.stringify({ time: now.toISOString(), level, msg: message }) : message;
}

export function writeLog(level: LogLevel, message: string): void {
  process.stderr.write(`${formatLog(level, message, logFormat())}\n`);
}
