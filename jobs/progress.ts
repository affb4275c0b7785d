/**
 * Progress on a terminal: one line, redrawn in place. In CI logs and pipes nothing is drawn;
 * the summary at the end is printed either way.
 */
export interface Progress {
  update(text: string): void;
  done(text?: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  let last = 0;
  return {
    update(text) {
      if (!live) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = (stream.columns || 100) - 1;
      stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
    },
    done(text) {
      if (live) stream.write('\r\x1b[2K');
      if (text) stream.write(`${text}\n`);
    }
  };
}
