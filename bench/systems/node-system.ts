/**
 * Node systems for `npm run bench`: news-topics (default options) and natural's BayesClassifier and
 * LogisticRegressionClassifier. Writes predictions ({"labels": [...], "top": label}) to OUT_DIR and a JSON summary to
 * stdout. natural cannot train on whole data sets in reasonable time (dense vectors over the vocabulary), so its
 * training set is capped (first N documents, after a seeded shuffle) and, where prediction is as slow, its test set
 * too: the summary's `note` says so and the scorer scores exactly the documents predicted.
 *
 * Usage: tsx bench/systems/node-system.ts SYSTEM DATASET_DIR OUT_DIR [MAX_TRAIN] [MAX_TEST]
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
// The built package, as users run it (dist/ has the worker file that parallel training needs).
import { saveModel, train } from 'news-topics';
// Two pure helpers from the sources (the bundle exports the public API only): the seeded shuffle and the decision rule.
import { createRandom, shuffleInPlace } from '../../src/common/random.js';
import { decide, defaultRule } from '../../src/model/decide.js';

interface Row {
  readonly title: string | null;
  readonly text: string;
  readonly labels: string[];
}
interface Prediction {
  readonly labels: string[];
  readonly top: string;
}

const [system, dataset, out, maxTrainArg, maxTestArg] = process.argv.slice(2) as [string, string, string, string?, string?];
const read = (file: string): Row[] =>
  readFileSync(join(dataset, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
const textOf = (r: Row) => (r.title ? `${r.title}\n${r.text}` : r.text);
let trainRows = read('train.jsonl');
let testRows = read('test.jsonl');
const notes: string[] = [];
const maxTrain = maxTrainArg ? Number(maxTrainArg) : Infinity;
const maxTest = maxTestArg ? Number(maxTestArg) : Infinity;
if (trainRows.length > maxTrain) {
  trainRows = shuffleInPlace([...trainRows], createRandom(1)).slice(0, maxTrain);
  notes.push(`trained on ${maxTrain} of the training documents`);
}
if (testRows.length > maxTest) {
  testRows = testRows.slice(0, maxTest);
  notes.push(`tested on the first ${maxTest} test documents`);
}
mkdirSync(out, { recursive: true });
// news-topics saves its binary model file (what saveModel writes by default); natural, its JSON.
const modelPath = join(out, system === 'news-topics' ? 'model.bin' : 'model.json');
let predictions: Prediction[];
let trainSeconds: number;
let predictSeconds: number;

if (system === 'news-topics') {
  let start = performance.now();
  const model = await train(trainRows.map((r) => ({ text: r.text, title: r.title, labels: r.labels })));
  trainSeconds = (performance.now() - start) / 1000;
  await saveModel(model, modelPath);
  start = performance.now();
  predictions = testRows.map((r) => {
    // One read per document: every label's score, then the model's own decision rule (what predict() returns).
    const scores = model.scores({ title: r.title ?? null, body: r.text });
    const chosen = decide(scores, model.thresholds, defaultRule(model.singleLabel));
    let best = 0;
    for (let l = 1; l < scores.length; l++) if ((scores[l] as number) > (scores[best] as number)) best = l;
    return { labels: chosen.map((l) => model.labels[l] as string), top: model.labels[best] as string };
  });
  predictSeconds = (performance.now() - start) / 1000;
} else {
  // Deep paths: natural's package root loads database drivers and prints on stdout.
  const require = createRequire(import.meta.url);
  const Classifier =
    system === 'natural-bayes'
      ? require('natural/lib/natural/classifiers/bayes_classifier.js')
      : require('natural/lib/natural/classifiers/logistic_regression_classifier.js');
  const classifier = new Classifier();
  let start = performance.now();
  // natural is single-label: a multi-label document is added once per label.
  for (const r of trainRows) for (const label of r.labels) classifier.addDocument(textOf(r), label);
  classifier.train();
  trainSeconds = (performance.now() - start) / 1000;
  writeFileSync(modelPath, JSON.stringify(classifier));
  start = performance.now();
  predictions = testRows.map((r) => {
    const top = classifier.classify(textOf(r)) as string;
    return { labels: [top], top };
  });
  predictSeconds = (performance.now() - start) / 1000;
}

writeFileSync(join(out, 'predictions.jsonl'), predictions.map((p) => JSON.stringify(p)).join('\n') + '\n');
process.stdout.write(
  `${JSON.stringify({
    trainSeconds,
    predictSeconds,
    testDocuments: testRows.length,
    modelBytes: statSync(modelPath).size,
    trainDocuments: trainRows.length,
    note: notes.join('; '),
  })}\n`,
);
