/**
 * `npm run bench:adapt`: the learning curve of `adapt` against `train` from scratch, on taxonomies the default
 * model does not know, and what correcting a base topic does to the others. Writes bench/ADAPT-RESULTS.md and
 * bench/adapt-curve.svg.
 *
 * - Curves: for N = 50, 100, 300, 1000 training examples drawn at random (seeds 1, 2, 3) from a train file, micro-F1
 *   on its test/dev file of `adapt(defaultModel(), examples, { keepBaseTopics: false })` and of `train(examples)`:
 *   AllSides tags (the collection's own `allsides_topic`, the 29 tags with at least 50 train and 10 dev documents;
 *   allsides.train → allsides.dev), BBC sections (bench/bbc), AG News sections (bench/ag-news; its first 2,000 test
 *   documents). The labels are prefixed (`tag:immigration`, `section:business`): a newsroom's own taxonomy, new to
 *   the model, rather than corrections of the base topics some of them share a name with. The table says which
 *   learner `learner: 'auto'` chose for each seed.
 * - Corrections: 300 allsides.train examples that speak for `military` only (`observed: ['military']`, positive
 *   when their silver topics have it); every topic's F1 on allsides.dev before and after (classify with
 *   hierarchy 'full', as the model card scores it).
 * - Time: adapting 1,000 AllSides-tag examples with `threads: 1`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { adapt, classifyArticle, defaultModel, evaluate, scoreLabelSets, train, withAncestors } from '../src/index.js';
import type { Example } from '../src/learn/examples.js';

const SHARED = new URL('../../shared/datasets/', import.meta.url).pathname;
type Row = { id: string; title?: string | null; text: string; labels: string[]; allsides_topic?: string };
const read = (path: string): Row[] => readFileSync(`${SHARED}${path}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);

const allsidesTrain = read('news-topics/allsides.train.jsonl');
const allsidesDev = read('news-topics/allsides.dev.jsonl');
const countTags = (rows: Row[]) => rows.reduce((m, r) => m.set(r.allsides_topic as string, (m.get(r.allsides_topic as string) ?? 0) + 1), new Map<string, number>());
const trainTags = countTags(allsidesTrain);
const devTags = countTags(allsidesDev);
const TAGS = [...trainTags.keys()].filter((t) => (trainTags.get(t) as number) >= 50 && (devTags.get(t) ?? 0) >= 10).sort();
const asTag = (r: Row): Example => ({ title: r.title ?? null, text: r.text, labels: [`tag:${r.allsides_topic as string}`] });
const asLabelled = (r: Row): Example => ({ title: r.title ?? null, text: r.text, labels: r.labels.map((l) => `section:${l}`) });

const TASKS = [
  { name: `AllSides tags (${TAGS.length})`, train: allsidesTrain.filter((r) => TAGS.includes(r.allsides_topic as string)).map(asTag), test: allsidesDev.filter((r) => TAGS.includes(r.allsides_topic as string)).map(asTag) },
  { name: 'BBC sections (5)', train: read('bench/bbc/train.jsonl').map(asLabelled), test: read('bench/bbc/test.jsonl').map(asLabelled) },
  { name: 'AG News sections (4)', train: read('bench/ag-news/train.jsonl').map(asLabelled), test: read('bench/ag-news/test.jsonl').slice(0, 2000).map(asLabelled) },
];
const SIZES = [50, 100, 300, 1000];
const SEEDS = [1, 2, 3];

function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

const base = defaultModel();
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
type Point = { n: number; adapt: number[]; scratch: number[]; seconds: number[]; learners: string[] };
const curves: { name: string; points: Point[] }[] = [];
for (const task of TASKS) {
  const points: Point[] = [];
  for (const n of SIZES) {
    const point: Point = { n, adapt: [], scratch: [], seconds: [], learners: [] };
    for (const seed of SEEDS) {
      const examples = sample(task.train, n, seed);
      const started = performance.now();
      const adapted = await adapt(base, examples, { keepBaseTopics: false, seed });
      point.seconds.push((performance.now() - started) / 1000);
      point.learners.push(adapted.training.adaptedFrom?.learner ?? 'svm');
      point.adapt.push((await evaluate(adapted, task.test)).micro.f1);
      point.scratch.push((await evaluate(await train(examples, { seed }), task.test)).micro.f1);
    }
    process.stderr.write(`${task.name} N=${n}: adapt ${mean(point.adapt).toFixed(3)}, scratch ${mean(point.scratch).toFixed(3)}\n`);
    points.push(point);
  }
  curves.push({ name: task.name, points });
}

// Corrections of an existing topic: what happens to it and to every other topic on allsides.dev.
const topicF1 = (model: typeof base) => {
  const predicted = allsidesDev.map((r) => classifyArticle(model, { title: r.title ?? null, body: r.text }, { hierarchy: 'full', language: 'any' }).topics.map((t) => t.id));
  const metrics = scoreLabelSets(allsidesDev.map((r) => withAncestors(r.labels)), predicted);
  return new Map(metrics.labels.map((l) => [l.label, { f1: l.f1, support: l.support }]));
};
const correctionExamples = sample(allsidesTrain, 300, 7).map((r): Example => ({ title: r.title ?? null, text: r.text, labels: r.labels.includes('military') ? ['military'] : [], observed: ['military'] }));
const before = topicF1(base);
const corrected = await adapt(base, correctionExamples, { seed: 1 });
const after = topicF1(corrected);
const changes = [...before.entries()].map(([topic, b]) => ({ topic, before: b.f1, after: after.get(topic)?.f1 ?? 0, support: b.support })).sort((a, b) => a.after - a.before - (b.after - b.before));
const touched = new Set(['military', 'conflict-war-peace']); // military and its parent (hierarchy 'full' lists it)
const untouched = changes.filter((c) => !touched.has(c.topic) && c.support > 0);
const worstUntouched = untouched[0];

// Time on one core: the median of 3 runs (runs on this shared machine vary by ±30%).
const thousand = sample(TASKS[0]!.train, 1000, 1);
const oneCoreRuns: number[] = [];
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  await adapt(base, thousand, { keepBaseTopics: false, threads: 1 });
  oneCoreRuns.push((performance.now() - t0) / 1000);
}
const oneCore = [...oneCoreRuns].sort((a, b) => a - b)[1] as number;

// The chart: one panel per task, N on a log axis, mean micro-F1 with ±1 sd whiskers.
function chart(): string {
  const W = 300;
  const H = 220;
  const m = { left: 44, right: 12, top: 28, bottom: 40 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const x = (n: number) => m.left + ((Math.log(n) - Math.log(SIZES[0]!)) / (Math.log(SIZES[SIZES.length - 1]!) - Math.log(SIZES[0]!))) * pw;
  const y = (v: number) => m.top + (1 - v) * ph;
  const colors = { adapt: '#4c78a8', scratch: '#f58518' };
  const panels = curves.map((curve, i) => {
    const parts: string[] = [`<g transform="translate(${i * W} 0)">`, `<text x="${W / 2}" y="16" text-anchor="middle" font-weight="bold">${curve.name}</text>`];
    for (let t = 0; t <= 5; t++) parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y(t / 5)}" y2="${y(t / 5)}" stroke="#e5e5e5"/><text x="${m.left - 6}" y="${y(t / 5) + 4}" text-anchor="end">${(t / 5).toFixed(1)}</text>`);
    for (const n of SIZES) parts.push(`<text x="${x(n)}" y="${H - m.bottom + 16}" text-anchor="middle">${n}</text>`);
    parts.push(`<text x="${m.left + pw / 2}" y="${H - 6}" text-anchor="middle">training examples</text>`);
    for (const system of ['scratch', 'adapt'] as const) {
      const pts = curve.points.map((p) => [x(p.n), y(mean(p[system]))] as const);
      parts.push(`<polyline fill="none" stroke="${colors[system]}" stroke-width="2" points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>`);
      for (const p of curve.points) {
        const cx = x(p.n);
        const mu = mean(p[system]);
        const s = sd(p[system]);
        parts.push(`<line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${y(Math.min(1, mu + s)).toFixed(1)}" y2="${y(Math.max(0, mu - s)).toFixed(1)}" stroke="${colors[system]}"/><circle cx="${cx.toFixed(1)}" cy="${y(mu).toFixed(1)}" r="3" fill="${colors[system]}"><title>${system} N=${p.n}: ${mu.toFixed(3)} ± ${s.toFixed(3)}</title></circle>`);
      }
    }
    parts.push('</g>');
    return parts.join('');
  });
  const width = W * curves.length;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${H + 24}" width="${width}" height="${H + 24}" font-family="system-ui, sans-serif" font-size="11"><rect width="100%" height="100%" fill="#fff"/>${panels.join('')}<g transform="translate(${width / 2 - 150} ${H + 12})"><rect width="10" height="10" fill="${colors.adapt}" y="-9"/><text x="14">adapt(default model, N examples)</text><rect x="190" width="10" height="10" fill="${colors.scratch}" y="-9"/><text x="204">train(N examples)</text></g></svg>\n`;
}

const f3 = (v: number) => v.toFixed(3);
const lines = [
  '# adapt: learning curves',
  '',
  `Produced by \`npm run bench:adapt\` on ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}. Micro-F1, mean ± sd over seeds ${SEEDS.join(', ')}; each seed draws its own N examples. Chart: [adapt-curve.svg](adapt-curve.svg).`,
  '',
  '| task | N | adapt | train from scratch | adapt − scratch | adapt seconds (2 threads) | learner chosen (seeds 1, 2, 3) |',
  '|---|---|---|---|---|---|---|',
  ...curves.flatMap((c) => c.points.map((p) => `| ${c.name} | ${p.n} | ${f3(mean(p.adapt))} ± ${f3(sd(p.adapt))} | ${f3(mean(p.scratch))} ± ${f3(sd(p.scratch))} | ${(mean(p.adapt) - mean(p.scratch) >= 0 ? '+' : '') + (mean(p.adapt) - mean(p.scratch)).toFixed(4)} | ${mean(p.seconds).toFixed(1)} | ${p.learners.join(', ')} |`)),
  '',
  `Adapting with 1,000 AllSides-tag examples on one core (\`threads: 1\`): ${oneCore.toFixed(1)} s, median of ${oneCoreRuns.map((s) => s.toFixed(1)).join(', ')} s (target < 10 s).`,
  '',
  '## Correcting an existing topic',
  '',
  `300 allsides.train examples that speak for \`military\` only (positive when their silver topics have it): F1 on allsides.dev (classify, hierarchy 'full'), before → after.`,
  '',
  '| topic | support | before | after | change |',
  '|---|---|---|---|---|',
  ...changes.filter((c) => touched.has(c.topic) || c === worstUntouched).map((c) => `| ${c.topic}${touched.has(c.topic) ? ' (corrected, or its parent)' : ' (largest drop among the others)'} | ${c.support} | ${f3(c.before)} | ${f3(c.after)} | ${(c.after - c.before >= 0 ? '+' : '') + f3(c.after - c.before)} |`),
  '',
  `Topics the examples did not touch: ${untouched.filter((c) => c.after !== c.before).length} of ${untouched.length} changed; the largest drop is ${f3(Math.max(0, (worstUntouched?.before ?? 0) - (worstUntouched?.after ?? 0)))} (target ≤ 0.01). Their scorers are copied unchanged; a parent topic's score is the best of its children's, so only parents of the corrected topic can move.`,
  '',
];
writeFileSync(new URL('ADAPT-RESULTS.md', import.meta.url), lines.join('\n'));
writeFileSync(new URL('adapt-curve.svg', import.meta.url), chart());
process.stdout.write(lines.join('\n'));
