/** Writing results: JSON Lines with backpressure (memory stays flat), a JSON array, or a table for people. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type OutputFormat = 'table' | 'json' | 'jsonl';

export class LineWriter {
  constructor(private readonly stream: Writable) {}

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
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
    const text = JSON.stringify(value);
    if (!this.asArray) await this.out.write(`${text}\n`);
    else await this.out.write(`${this.count === 0 ? '[\n' : ',\n'}${text}`);
    this.count++;
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
