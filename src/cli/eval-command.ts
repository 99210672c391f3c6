/** `news-topics eval MODEL DATA`: the evaluation report as a table or JSON, and with `--report` as an HTML page. */
import { basename } from 'node:path';
import { evaluate, type EvaluationReport, headlineFigures } from '../eval/evaluate.js';
import { evaluationDetails } from '../eval/evaluation-details.js';
import { renderEvaluationReport } from '../eval/html-report.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadModel } from '../io/model-files.js';
import { ancestorChain, getTopic, isTopicId } from '../news/taxonomy.js';
import { checkWritable, choiceOption, type CliContext, numberOption, parseCommandArgs, UsageError } from './context.js';
import { DATA_OPTIONS, dataSource, readLabelledExamples } from './data-options.js';
import { LineWriter, table } from './output.js';
import { EXIT } from './usage.js';

export async function evalCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...DATA_OPTIONS,
    format: { type: 'string' },
    'top-k': { type: 'string' },
    threshold: { type: 'string' },
    report: { type: 'string' },
    'excerpt-chars': { type: 'string' },
    worst: { type: 'string' },
  });
  if (positionals.length !== 2) throw new UsageError(`eval takes MODEL and DATA, received ${positionals.length} argument(s)`);
  const [modelPath, dataPath] = positionals as [string, string];
  const format = choiceOption(values.format, 'format', ['table', 'json'] as const) ?? 'table';
  const topK = numberOption(values['top-k'], 'top-k', 1, 1e9, true);
  const threshold = numberOption(values.threshold, 'threshold', 0, 1);
  const excerptChars = numberOption(values['excerpt-chars'], 'excerpt-chars', 0, 1e6, true);
  const worst = numberOption(values.worst, 'worst', 0, 10_000, true);
  if (values.report === undefined && (excerptChars !== undefined || worst !== undefined)) throw new UsageError('--excerpt-chars and --worst go with --report FILE');
  const source = dataSource(dataPath, values);
  if (values.report !== undefined) await checkWritable(values.report, '--report');
  const model = await loadModel(modelPath);
  const { examples, leftOut: failed } = await readLabelledExamples(dataPath, source, ctx);
  // A taxonomy model is judged as classify lists its topics (hierarchy 'full'): a sub-topic implies its parents,
  // in the gold labels as in the given ones.
  const taxonomyModel = model.labels.every(isTopicId);
  const decision = {
    ...(topK !== undefined ? { topK } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(taxonomyModel ? { implied: ancestorChain } : {}),
  };
  let report: EvaluationReport;
  if (values.report === undefined) report = await evaluate(model, examples, decision);
  else {
    const details = await evaluationDetails(model, examples, { ...decision, ...(excerptChars !== undefined ? { excerptChars } : {}), ...(worst !== undefined ? { worst } : {}) });
    report = details.report;
    const labelName = (label: string) => (isTopicId(label) ? getTopic(label).label : label);
    const about = [
      `model: ${basename(modelPath)}, ${model.labels.length} labels, trained on ${model.training.examples} examples`,
      `data: ${basename(dataPath)}, ${report.documents} documents${failed > 0 ? ` (${failed} record(s) left out)` : ''}`,
      ...(taxonomyModel ? ['taxonomy model: gold and given topics include their parent topics (as classify with hierarchy "full")'] : []),
      `made by: news-topics eval ${args.join(' ')}`,
    ];
    await writeFileAtomic(values.report, renderEvaluationReport(details, { title: `${basename(modelPath)} on ${basename(dataPath)}`, about, labelName }), '--report');
  }
  const out = new LineWriter(ctx.stdout);
  if (format === 'json') await out.write(`${JSON.stringify({ ...report, leftOut: failed }, null, 2)}\n`);
  else {
    const f = (x: number) => x.toFixed(4);
    await out.write(table(['figure', 'value'], headlineFigures(report).map(([name, value]) => [name, name === 'documents' ? String(value) : f(value)])));
    await out.write(`\n${table(['label', 'precision', 'recall', 'F1', 'support'], report.labels.map((l: { label: string; precision: number; recall: number; f1: number; support: number }) => [l.label, f(l.precision), f(l.recall), f(l.f1), String(l.support)]))}`);
  }
  if (values.report !== undefined) ctx.stderr.write(`news-topics: wrote ${values.report}\n`);
  if (failed > 0) ctx.stderr.write(`news-topics: ${failed} record(s) left out\n`);
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
