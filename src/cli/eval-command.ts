/** `news-topics eval MODEL DATA`: the evaluation report as a table or JSON. */
import { evaluate } from '../eval/evaluate.js';
import { loadModel } from '../io/model-files.js';
import { choiceOption, type CliContext, numberOption, parseCommandArgs, UsageError } from './context.js';
import { DATA_OPTIONS, dataSource, readLabelledExamples } from './data-options.js';
import { LineWriter, table } from './output.js';
import { EXIT } from './usage.js';

export async function evalCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...DATA_OPTIONS, format: { type: 'string' }, 'top-k': { type: 'string' }, threshold: { type: 'string' } });
  if (positionals.length !== 2) throw new UsageError(`eval takes MODEL and DATA, received ${positionals.length} argument(s)`);
  const [modelPath, dataPath] = positionals as [string, string];
  const format = choiceOption(values.format, 'format', ['table', 'json'] as const) ?? 'table';
  const topK = numberOption(values['top-k'], 'top-k', 1, 1e9, true);
  const threshold = numberOption(values.threshold, 'threshold', 0, 1);
  const source = dataSource(dataPath, values);
  const model = await loadModel(modelPath);
  const { examples, leftOut: failed } = await readLabelledExamples(dataPath, source, ctx);
  const report = await evaluate(model, examples, { ...(topK !== undefined ? { topK } : {}), ...(threshold !== undefined ? { threshold } : {}) });
  const out = new LineWriter(ctx.stdout);
  if (format === 'json') await out.write(`${JSON.stringify({ ...report, leftOut: failed }, null, 2)}\n`);
  else {
    const f = (x: number) => x.toFixed(4);
    await out.write(
      table(
        ['figure', 'value'],
        [
          ['documents', String(report.documents)],
          ['micro precision', f(report.micro.precision)],
          ['micro recall', f(report.micro.recall)],
          ['micro F1', f(report.micro.f1)],
          ['macro F1', f(report.macro.f1)],
          ['top-1 accuracy', f(report.top1Accuracy)],
          ['exact match', f(report.exactMatch)],
          ['calibration error', f(report.calibrationError)],
        ],
      ),
    );
    await out.write(`\n${table(['label', 'precision', 'recall', 'F1', 'support'], report.labels.map((l: { label: string; precision: number; recall: number; f1: number; support: number }) => [l.label, f(l.precision), f(l.recall), f(l.f1), String(l.support)]))}`);
  }
  if (failed > 0) ctx.stderr.write(`news-topics: ${failed} record(s) left out\n`);
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
