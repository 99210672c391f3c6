/** `news-topics classify`: topics of articles from files, standard input, JSONL or CSV; one output record per input. */
import { parseArgs } from 'node:util';
import { classify } from '../classify.js';
import { TopicClassifier, withTruncation } from '../classifier.js';
import type { Truncation } from '../features.js';
import { defaultModel } from '../classify.js';
import { choiceOption, type CliContext, numberOption, UsageError } from './context.js';
import { INPUT_OPTIONS, inputSource } from './data-options.js';
import { JsonWriter, LineWriter, table } from './output.js';
import { type InputFormat, readRecords } from './records.js';
import { EXIT } from './usage.js';

interface TopicOut {
  readonly id: string;
  readonly label: string;
  readonly score: number;
  readonly parent?: string | null;
  readonly iptc?: readonly string[];
}

export async function classifyCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...INPUT_OPTIONS,
      model: { type: 'string' },
      'top-k': { type: 'string' },
      threshold: { type: 'string' },
      hierarchy: { type: 'string' },
      format: { type: 'string' },
    },
  });
  const source = inputSource(values);
  const format: InputFormat = source.format ?? 'text';
  const fields = source.fields;
  const topK = numberOption(values['top-k'], 'top-k', 1, 1e9, true);
  const threshold = numberOption(values.threshold, 'threshold', 0, 1);
  const hierarchy = choiceOption(values.hierarchy, 'hierarchy', ['specific', 'full'] as const);
  const outputFormat = choiceOption(values.format, 'format', ['table', 'json', 'jsonl'] as const);
  if (hierarchy !== undefined && values.model !== undefined) throw new UsageError('--hierarchy applies to the default model only');
  const inputs = positionals.length > 0 ? positionals : ['-'];
  if (inputs.filter((p) => p === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');

  const custom = values.model === undefined ? undefined : await TopicClassifier.load(values.model);
  if (!custom) defaultModel(); // load (and validate) before reading input
  const decide = (text: string): TopicOut[] & { readonly truncated?: Truncation } => {
    if (custom) {
      const predictions = custom.predict(text, { ...(topK !== undefined ? { topK } : {}), ...(threshold !== undefined ? { threshold } : {}) });
      return withTruncation(predictions.map((p) => ({ id: p.label, label: p.label, score: p.score })), predictions.truncated);
    }
    return classify(text, { ...(topK !== undefined ? { topK } : {}), ...(threshold !== undefined ? { threshold } : {}), ...(hierarchy ? { hierarchy } : {}) });
  };

  const single = format === 'text' && inputs.length === 1;
  const chosen = outputFormat ?? (single && ctx.stdoutIsTTY ? 'table' : 'jsonl');
  const out = new LineWriter(ctx.stdout);
  const json = new JsonWriter(out, chosen === 'json');
  let failed = 0;
  for (const input of inputs) {
    const records = readRecords(input, format, fields, ctx.stdin);
    for (;;) {
      let next: IteratorResult<Awaited<ReturnType<typeof records.next>>['value']>;
      try {
        next = await records.next();
      } catch (error) {
        // An input that cannot be read (missing, a directory, an I/O error) is one failed record; the others go on.
        failed++;
        await json.value({ id: input, line: 0, error: `cannot read ${input}: ${(error as Error).message}` });
        break;
      }
      if (next.done) break;
      const record = next.value;
      if (!record.ok) {
        failed++;
        await json.value({ id: record.id, line: record.line, error: record.error });
        continue;
      }
      const text = record.title ? `${record.title}\n${record.text}` : record.text;
      const topics = decide(text);
      // Texts longer than the model reads are cut, and the result says so.
      const truncated = topics.truncated;
      if (chosen === 'table') {
        if (truncated) ctx.stderr.write(`news-topics: ${record.id} has ${truncated.characters} characters; the first ${truncated.read} were read\n`);
        await out.write(table(['topic', 'id', 'score', 'IPTC'], topics.map((t) => [t.label, t.id, t.score.toFixed(3), (t.iptc ?? []).join(' ')])));
      } else {
        await json.value({ id: record.id, topics, ...(truncated ? { truncated } : {}) });
      }
    }
  }
  await json.end();
  if (failed > 0) ctx.stderr.write(`news-topics: ${failed} record(s) failed; see the error records in the output\n`);
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
