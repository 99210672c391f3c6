/**
 * evaluationDetails (what a report draws) against counts made by hand, and renderEvaluationReport's page: every
 * section present, self-contained, escaped, deterministic. The CLI's --report and the page in Chromium are tested
 * in test/cli/report.test.ts and test/web/report.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluationDetails, InvalidInputError, renderEvaluationReport, train } from '../../src/index.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const model = await train(syntheticExamples(200, 1), { minDf: 1 });
const testSet = syntheticExamples(80, 2);

describe('evaluationDetails', () => {
  it('gives evaluate’s report, and tables that agree with counts made by hand', async () => {
    const details = await evaluationDetails(model, testSet, { worst: 5, excerptChars: 20 });
    expect(details.report).toEqual(await evaluate(model, testSet));
    const n = model.labels.length;
    // Reliability: every (document, label) pair in exactly one bin; observed = share of gold pairs.
    expect(details.reliability.reduce((s, b) => s + b.count, 0)).toBe(80 * n);
    let goldPairs = 0;
    let inTopBin = 0;
    let goldInTopBin = 0;
    for (const e of testSet) {
      const p = model.scores(e.text);
      goldPairs += e.labels.length;
      model.labels.forEach((label, l) => {
        if ((p[l] as number) >= 0.9) {
          inTopBin++;
          if (e.labels.includes(label)) goldInTopBin++;
        }
      });
    }
    const top = details.reliability[9]!;
    expect(top.count).toBe(inTopBin);
    expect(top.observed).toBeCloseTo(goldInTopBin / inTopBin, 12);
    expect(details.reliability.reduce((s, b) => s + (b.count > 0 ? b.observed * b.count : 0), 0)).toBeCloseTo(goldPairs, 9);
    // Co-occurrence: the diagonal is each label's true positives, rows sum to what its documents were given.
    for (const row of details.report.labels) {
      const l = model.labels.indexOf(row.label);
      expect(details.cooccurrence[l]![l]).toBe(row.truePositives);
      expect(details.goldCounts[l]).toBe(row.support);
    }
    const sportRow = details.cooccurrence[model.labels.indexOf('sport')]!;
    const sportDocs = testSet.filter((e) => e.labels.includes('sport'));
    const given = sportDocs.reduce((s, e) => s + model.predict(e.text).topics.length, 0);
    expect(sportRow.reduce((a, b) => a + b, 0)).toBe(given);
    // Histograms: the pooled one holds every pair, gold and other; one more per label.
    const [pooled, ...perLabel] = details.histograms;
    expect(pooled!.gold.reduce((a, b) => a + b, 0)).toBe(goldPairs);
    expect(pooled!.other.reduce((a, b) => a + b, 0)).toBe(80 * n - goldPairs);
    expect(perLabel.map((h) => h.label)).toEqual(model.labels);
    // Worst errors: worst first, each really an error of its kind, explained by its own label.
    expect(details.worst.length).toBeGreaterThan(0);
    expect(details.worst.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < details.worst.length; i++) expect(details.worst[i - 1]!.loss).toBeGreaterThanOrEqual(details.worst[i]!.loss);
    for (const w of details.worst) {
      const e = testSet[w.index]!;
      const predicted = model.predict(e.text).topics.map((t) => t.id);
      expect(w.gold).toEqual(e.labels);
      expect(w.predicted).toEqual(predicted);
      if (w.kind === 'false-positive') {
        expect(predicted).toContain(w.label);
        expect(e.labels).not.toContain(w.label);
        expect(w.loss).toBeCloseTo(w.score, 12);
      } else {
        expect(e.labels).toContain(w.label);
        expect(predicted).not.toContain(w.label);
        expect(w.loss).toBeCloseTo(1 - w.score, 12);
      }
      expect(w.explanation).toEqual(model.explain(e.text, w.label, { limit: 8 }));
      expect(w.excerpt).toBe(e.text.length > 20 ? `${e.text.slice(0, 20)}…` : e.text);
    }
    // No document's worst error is missing: the largest loss of all is first.
    let largest = 0;
    for (const e of testSet) {
      const p = model.scores(e.text);
      const predicted = new Set(model.predict(e.text).topics.map((t) => t.id));
      model.labels.forEach((label, l) => {
        const gold = e.labels.includes(label);
        if (gold && !predicted.has(label)) largest = Math.max(largest, 1 - (p[l] as number));
        if (!gold && predicted.has(label)) largest = Math.max(largest, p[l] as number);
      });
    }
    expect(details.worst[0]!.loss).toBeCloseTo(largest, 12);
  });

  it('closes gold and given labels under `implied` (a hierarchy), in the report and the tables', async () => {
    // "health" implies "science": a document of health is also one of science, gold or given.
    const implied = (label: string) => (label === 'health' ? ['science'] : []);
    const details = await evaluationDetails(model, testSet, { implied });
    const science = details.report.labels.find((l) => l.label === 'science')!;
    expect(science.support).toBe(testSet.filter((e) => e.labels.includes('health')).length);
    expect(science.predicted).toBe(testSet.filter((e) => model.predict(e.text).topics.some((t) => t.id === 'health')).length);
    expect(details.unknownLabels).toEqual({ science: science.support });
    const plain = await evaluate(model, testSet);
    expect(plain.labels.some((l) => l.label === 'science')).toBe(false);
  });

  it('keeps no excerpt with excerptChars 0, and no errors with worst 0', async () => {
    const details = await evaluationDetails(model, testSet, { excerptChars: 0 });
    for (const w of details.worst) expect(w.excerpt).toBe('');
    expect((await evaluationDetails(model, testSet, { worst: 0 })).worst).toEqual([]);
  });

  it('rejects bad arguments with typed errors', async () => {
    await expect(evaluationDetails({} as never, testSet)).rejects.toThrow(InvalidInputError);
    await expect(evaluationDetails(model, testSet, { worst: -1 })).rejects.toThrow(/options\.worst/);
    await expect(evaluationDetails(model, testSet, { nonsense: 1 } as never)).rejects.toThrow(/nonsense/);
    await expect(evaluationDetails(model, testSet, { implied: 'x' } as never)).rejects.toThrow(/options\.implied/);
    await expect(evaluationDetails(model, [])).rejects.toThrow(/at least one example/);
  });
});

describe('renderEvaluationReport', () => {
  it('writes one self-contained page with every section, the figures, and escaped text', async () => {
    const hostile = [{ title: '<script>alert(1)</script> & "quotes"', text: 'football goal match league coach striker', labels: ['politics'] }, ...testSet];
    const details = await evaluationDetails(model, hostile, { worst: 50 });
    const html = renderEvaluationReport(details, { title: 'Test <report>', about: ['model: synthetic'], labelName: (l) => l.toUpperCase() });
    for (const id of ['label-bars', 'reliability', 'cooccurrence']) expect(html).toContain(`<svg id="${id}"`);
    expect(html.match(/<svg class="histogram"/g)!.length).toBe(1 + model.labels.length);
    expect(html.match(/<rect class="cell"/g)!.length).toBe(model.labels.length ** 2);
    expect(html.match(/<div class="error"/g)!.length).toBe(details.worst.length);
    expect(html).toContain(`ECE ${details.report.calibrationError.toFixed(4)}`);
    expect(html).toContain(`<b>${details.report.micro.f1.toFixed(3)}</b><span>micro F1</span>`);
    expect(html).toContain('SPORT');
    expect(html).toContain('<title>Test &lt;report&gt;</title>');
    // The hostile title is shown as text, never as markup.
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    // Nothing to fetch: no scripts, no external references.
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
    // The same details give the same bytes.
    expect(renderEvaluationReport(details, { title: 'Test <report>', about: ['model: synthetic'], labelName: (l) => l.toUpperCase() })).toBe(html);
  });

  it('rejects what is not a details object', () => {
    expect(() => renderEvaluationReport({} as never)).toThrow(InvalidInputError);
    expect(() => renderEvaluationReport(null as never)).toThrow(/evaluationDetails/);
  });
});
