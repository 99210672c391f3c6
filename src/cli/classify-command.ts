/** `news-topics classify`: topics of articles from files, standard input, JSONL or CSV; one output record per input. */
import { ArticlePool, defaultClassifyThreads } from '../io/article-pool.js';
import { defaultModel } from '../io/default-model.js';
import { inOrder } from '../io/in-order.js';
import { loadModel } from '../io/model-files.js';
import type { TopicClassifier } from '../model/classifier.js';
import type { Result } from '../model/result.js';
import { articleJobFor } from '../news/article-job.js';
import type { ResultRecord } from '../news/result-record.js';
import { choiceOption, type CliContext, numberOption, parseCommandArgs } from './context.js';
import { ARTICLE_INPUT_OPTIONS, articleInputs, readArticleInputs } from './data-options.js';
import { JOB_OPTIONS, jobOptionsFrom } from './job-options.js';
import { JsonWriter, LineWriter, table } from './output.js';
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
  const placeLines: { id: string; text: string }[] = [];
  let records = 0;
  let failed = 0;
  // Each output record comes serialized (parsed back only for a table).
  const addRow = (text: string): void => {
    records++;
    const record = JSON.parse(text) as ResultRecord;
    if ('error' in record) {
      rows.push([record.id, `error: ${record.error}`, '', '', '']);
      return;
    }
    const result: Result = record;
    if (result.topics.length === 0 && result.language !== undefined) notes.push(`${record.id} is not in English (${result.language}): no topics; --any-language classifies it anyway`);
    if (result.truncated) notes.push(`${record.id} has ${result.truncated.characters} characters; the first ${result.truncated.read} were read`);
    if (result.places) placeLines.push({ id: record.id, text: `places: ${result.places.map((p) => `${p.name} (${p.code}) ×${p.mentions}`).join(', ') || 'none'}` });
    for (const t of result.topics) {
      const words = t.explanation ? t.explanation.up.slice(0, 3).map((c) => c.text).join(', ') : '';
      rows.push([record.id, t.label, t.id, t.score.toFixed(3), (t.iptc ?? []).join(' '), words]);
    }
  };
  // Batches of records go to the worker threads (at most two per thread in flight), which parse JSON lines,
  // classify and serialize the output records; the records come back in order.
  const classified = inOrder(readArticleInputs(plan, ctx.stdin, false), 64, 2 * pool.threads, async (batch, only) => {
    const done = await pool.classifyRecords(batch, plan.fields, only);
    failed += done.failed;
    return done.records;
  });
  try {
    for await (const texts of classified) {
      if (chosen === 'table') texts.forEach(addRow);
      else {
        records += texts.length;
        await json.texts(texts);
      }
    }
  } finally {
    await pool.close();
  }
  if (chosen === 'table') {
    const withWords = values.explain === true;
    const header = ['topic', 'id', 'score', 'IPTC', ...(withWords ? ['words'] : [])];
    const body = rows.map((r) => (withWords ? r : r.slice(0, 5)));
    // One record: its topics; several: one table, with the record's id first.
    await out.write(records === 1 && failed === 0 ? table(header, body.map((r) => r.slice(1))) : table(['record', ...header], body));
    // Several records: each line says whose places they are (the first one's too).
    const named = records > 1 || inputs.length > 1;
    if (placeLines.length > 0) await out.write(`${placeLines.map((p) => (named ? `${p.id} ${p.text}` : p.text)).join('\n')}\n`);
    for (const note of notes) ctx.stderr.write(`news-topics: ${note}\n`);
  }
  await json.end();
  if (failed > 0) ctx.stderr.write(`news-topics: ${failed} record(s) failed; see the error records in the output\n`);
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
