/**
 * Writing results: JSON Lines with backpressure (memory stays flat), a JSON array, or a table for people. When the
 * reader of standard output goes away (`news-topics classify … | head -1`), writing stops quietly: the command
 * ends with exit code 0, as Unix tools do, and no stack trace.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** The reader of the output has closed it (EPIPE): the command stops, successfully. */
export class OutputClosed extends Error {
  override name = 'OutputClosed';
}

export class LineWriter {
  private closed = false;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.closed = true;
    });
  }

  async write(text: string): Promise<void> {
    if (this.closed || this.stream.destroyed) throw new OutputClosed('standard output was closed by its reader');
    if (!this.stream.write(text)) {
      // 'drain' when the reader caught up; 'close' or 'error' when it went away (events.once rejects on 'error').
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')]).catch(() => {});
      if (this.closed || this.stream.destroyed) throw new OutputClosed('standard output was closed by its reader');
    }
  }
}

/** Streams values as JSON Lines, or as one JSON array (opened on the first value, closed by `end`). */
export class JsonWriter {
  private count = 0;
  constructor(
    private readonly out: LineWriter,
    private readonly asArray: boolean,
  ) {}

  async value(value: unknown): Promise<void> {
    return this.texts([JSON.stringify(value)]);
  }

  /** Values already serialized, in one write. */
  async texts(texts: readonly string[]): Promise<void> {
    if (texts.length === 0) return;
    if (!this.asArray) await this.out.write(`${texts.join('\n')}\n`);
    else await this.out.write(`${this.count === 0 ? '[\n' : ',\n'}${texts.join(',\n')}`);
    this.count += texts.length;
  }

  async end(): Promise<void> {
    if (this.asArray) await this.out.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}

/** A plain aligned table: a header row, then rows; numbers right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d.]+%?$/.test(r[i] ?? '')));
  const format = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return `${[format(header), ...rows.map(format)].join('\n')}\n`;
}
