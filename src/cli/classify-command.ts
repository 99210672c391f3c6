/** `news-topics classify`: topics of articles from files, standard input, JSONL or CSV; one output record per input. */
import { ArticlePool, defaultClassifyThreads } from '../io/article-pool.js';
import { defaultModel } from '../io/default-model.js';
import { inOrder } from '../io/in-order.js';
import { loadModel } from '../io/model-files.js';
import type { TopicClassifier } from '../model/classifier.js';
import type { Result } from '../model/result.js';
import { articleJobFor } from '../news/article-job.js';
import { resultRecord } from '../news/result-record.js';
import { choiceOption, type CliContext, numberOption, parseCommandArgs } from './context.js';
import { ARTICLE_INPUT_OPTIONS, articleInputs, readArticleInputs } from './data-options.js';
import { JOB_OPTIONS, jobOptionsFrom } from './job-options.js';
import { JsonWriter, LineWriter, table } from './output.js';
import type { InputRecord } from './records.js';
import { EXIT } from './usage.js';

export async function classifyCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...ARTICLE_INPUT_OPTIONS,
    ...JOB_OPTIONS,
    format: { type: 'string' },
    threads: { type: 'string' },
  });
  const plan = articleInputs(values, positionals);
  const { inputs, formats } = plan;
  const outputFormat = choiceOption(values.format, 'format', ['table', 'json', 'jsonl'] as const);
  const threads = numberOption(values.threads, 'threads', 1, 256, true);

  // The model is loaded (and validated) before any input is read.
  const custom: TopicClassifier | undefined = values.model !== undefined ? await loadModel(values.model) : undefined;
  // A model whose labels are taxonomy ids gets the taxonomy (hierarchy, names, IPTC codes); any other, its labels:
  // the job every record gets (news/article-job.ts), on worker threads or here.
  const model = custom ?? defaultModel();
  const job = articleJobFor(model, jobOptionsFrom(values, model));
  const pool = new ArticlePool(model, job, threads ?? defaultClassifyThreads());

  const single = inputs.length === 1 && formats[0] === 'text';
  const chosen = outputFormat ?? (single && ctx.stdoutIsTTY ? 'table' : 'jsonl');
  const out = new LineWriter(ctx.stdout);
  const json = new JsonWriter(out, chosen === 'json');
  const rows: string[][] = [];
  const notes: string[] = [];
  const placeLines: string[] = [];
  let records = 0;
  let failed = 0;
  const emit = async (record: InputRecord, format: 'text' | 'jsonl' | 'csv', result: Result | undefined): Promise<void> => {
    records++;
    const error = !record.ok ? record.error : result?.error?.message;
    if (error !== undefined || result === undefined) {
      failed++;
      if (chosen === 'table') rows.push([record.id, `error: ${error}`, '', '', '']);
      else await json.value(resultRecord(record.id, record.line, { error: error ?? 'not classified' }));
      return;
    }
    if (chosen !== 'table') {
      // Records of a JSONL or CSV file say which line they come from, as error records do.
      await json.value(resultRecord(record.id, format === 'text' ? undefined : record.line, result));
      return;
    }
    if (result.topics.length === 0 && result.language !== undefined) notes.push(`${record.id} is not in English (${result.language}): no topics; --any-language classifies it anyway`);
    if (result.truncated) notes.push(`${record.id} has ${result.truncated.characters} characters; the first ${result.truncated.read} were read`);
    if (result.places) placeLines.push(`${records > 1 || inputs.length > 1 ? `${record.id} ` : ''}places: ${result.places.map((p) => `${p.name} (${p.code}) ×${p.mentions}`).join(', ') || 'none'}`);
    for (const t of result.topics) {
      const words = t.explanation ? t.explanation.up.slice(0, 3).map((c) => c.text).join(', ') : '';
      rows.push([record.id, t.label, t.id, t.score.toFixed(3), (t.iptc ?? []).join(' '), words]);
    }
  };
  // Batches of records go to the worker threads (at most two per thread in flight); results come back in order.
  const classified = inOrder(readArticleInputs(plan, ctx.stdin), 64, 2 * pool.threads, async (batch, only) => {
    const good = batch.filter((item) => item.record.ok);
    const results = await pool.classify(good.map(({ record }) => (record.ok ? { title: record.title, body: record.text } : '')), only);
    let next = 0;
    return batch.map((item) => ({ ...item, result: item.record.ok ? results[next++] : undefined }));
  });
  try {
    for await (const { record, format, result } of classified) await emit(record, format, result);
  } finally {
    await pool.close();
  }
  if (chosen === 'table') {
    const withWords = values.explain === true;
    const header = ['topic', 'id', 'score', 'IPTC', ...(withWords ? ['words'] : [])];
    const body = rows.map((r) => (withWords ? r : r.slice(0, 5)));
    // One record: its topics; several: one table, with the record's id first.
    await out.write(records === 1 && failed === 0 ? table(header, body.map((r) => r.slice(1))) : table(['record', ...header], body));
    if (placeLines.length > 0) await out.write(`${placeLines.join('\n')}\n`);
    for (const note of notes) ctx.stderr.write(`news-topics: ${note}\n`);
  }
  await json.end();
  if (failed > 0) ctx.stderr.write(`news-topics: ${failed} record(s) failed; see the error records in the output\n`);
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
