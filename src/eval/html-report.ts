/**
 * The evaluation report as one self-contained HTML page: inline CSS and SVG, no script, no network. Per-label
 * precision/recall/F1 bars with support, a reliability diagram with its ECE, a co-occurrence heat map (which labels
 * are given when another is gold), score histograms, and the worst errors with the words behind them. Pure: the
 * same details give the same bytes (nothing of the clock or the machine goes in).
 */
import { InvalidInputError } from '../common/errors.js';
import { headlineFigures } from './evaluate.js';
import type { EvaluationDetails, ScoreHistogram } from './evaluation-details.js';

export interface ReportOptions {
  /** The page's heading. Default `Evaluation report`. */
  readonly title?: string;
  /** Lines shown under the heading (model, data, command…). */
  readonly about?: readonly string[];
  /** Display name of a label (e.g. the taxonomy's name of a topic id). Default: the label itself. */
  readonly labelName?: (label: string) => string;
}

const esc = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const fixed = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
/** Coordinates rounded to 0.1 px: small files, the same text on every machine. */
const px = (x: number): string => String(Math.round(x * 10) / 10);

const COLORS = { precision: '#4c78a8', recall: '#f58518', f1: '#54a24b', gold: '#4c78a8', other: '#bab0ac', gap: '#e45756', ink: '#222', grid: '#ddd' };

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1000px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.about{color:#555;margin:0;font-size:13px}.about code{font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:16px}
.card{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:8px 12px;min-width:110px}
.card b{display:block;font-size:20px}.card span{color:#666;font-size:12px}
.note{color:#555;font-size:13px}
svg{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #eee;border-radius:4px}
svg text{font:11px system-ui,sans-serif;fill:#222}
.legend span{display:inline-block;margin-right:12px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px}
.small{display:flex;flex-wrap:wrap;gap:8px}.small figure{margin:0}.small figcaption{font-size:12px;color:#444;max-width:170px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.error{background:#fff;border:1px solid #e3e3e3;border-left:4px solid ${COLORS.gap};border-radius:4px;padding:8px 12px;margin:8px 0}
.error h3{font-size:14px;margin:0 0 4px}.error p{margin:4px 0}.excerpt{color:#444;font-size:13px}
.words{display:flex;flex-wrap:wrap;gap:4px}.word{font-size:12px;border-radius:3px;padding:1px 5px}
.up{background:#e3f0e1}.down{background:#fbe3e1}
`;

function summaryCards(details: EvaluationDetails): string {
  const cards = headlineFigures(details.report).map(([name, value]): [string, string] => [name, name === 'documents' ? String(value) : fixed(value, name.startsWith('calibration') ? 4 : 3)]);
  return `<div class="cards">${cards.map(([k, v]) => `<div class="card" data-figure="${esc(k)}"><b>${esc(v)}</b><span>${esc(k)}</span></div>`).join('')}</div>`;
}

function legend(items: readonly [string, string][]): string {
  return `<p class="legend">${items.map(([color, name]) => `<span><i style="background:${color}"></i>${esc(name)}</span>`).join('')}</p>`;
}

/** Per-label precision, recall and F1 as grouped horizontal bars, most supported label first. */
function labelBars(details: EvaluationDetails, name: (label: string) => string): string {
  const rows = [...details.report.labels].sort((a, b) => b.support - a.support || (a.label < b.label ? -1 : 1));
  const left = 210;
  const width = 440;
  const rowHeight = 30;
  const top = 24;
  const height = top + rows.length * rowHeight + 8;
  const total = left + width + 100;
  const parts: string[] = [];
  for (let t = 0; t <= 4; t++) {
    const x = left + (width * t) / 4;
    parts.push(`<line x1="${px(x)}" y1="${top - 6}" x2="${px(x)}" y2="${height - 4}" stroke="${COLORS.grid}"/><text x="${px(x)}" y="${top - 10}" text-anchor="middle">${(t / 4).toFixed(2)}</text>`);
  }
  parts.push(`<text x="${left + width + 24}" y="${top - 10}">support</text>`);
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    parts.push(`<g class="label-row" data-label="${esc(row.label)}"><title>${esc(name(row.label))}: precision ${fixed(row.precision)}, recall ${fixed(row.recall)}, F1 ${fixed(row.f1)}, support ${row.support}, given ${row.predicted}</title>`);
    parts.push(`<text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(name(row.label))}</text>`);
    (['precision', 'recall', 'f1'] as const).forEach((key, k) => {
      const value = row[key];
      parts.push(`<rect class="bar-${key}" x="${left}" y="${y + 3 + k * 8}" width="${px(width * value)}" height="7" fill="${COLORS[key]}" data-value="${fixed(value, 4)}"/>`);
    });
    parts.push(`<text x="${left + width + 24}" y="${y + 17}">${row.support}</text></g>`);
  });
  return `${legend([[COLORS.precision, 'precision'], [COLORS.recall, 'recall'], [COLORS.f1, 'F1']])}<svg id="label-bars" viewBox="0 0 ${total} ${height}" width="${total}" height="${height}" role="img" aria-label="Precision, recall and F1 per label">${parts.join('')}</svg>`;
}

/** Predicted probability (x) against observed frequency (y) per bin, with the diagonal, the gaps and the counts. */
function reliabilityDiagram(details: EvaluationDetails): string {
  const size = 320;
  const m = { left: 48, top: 16, right: 16, bottom: 40 };
  const countHeight = 70;
  const width = m.left + size + m.right;
  const height = m.top + size + m.bottom + countHeight;
  const x = (v: number) => m.left + v * size;
  const y = (v: number) => m.top + (1 - v) * size;
  const parts: string[] = [];
  for (let t = 0; t <= 5; t++) {
    const v = t / 5;
    parts.push(`<line x1="${px(x(v))}" y1="${m.top}" x2="${px(x(v))}" y2="${m.top + size}" stroke="${COLORS.grid}"/><line x1="${m.left}" y1="${px(y(v))}" x2="${m.left + size}" y2="${px(y(v))}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${px(x(v))}" y="${m.top + size + 14}" text-anchor="middle">${v.toFixed(1)}</text><text x="${m.left - 6}" y="${px(y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#888" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${px(x(0.5))}" y="${m.top + size + 30}" text-anchor="middle">predicted probability</text>`);
  parts.push(`<text transform="translate(12 ${px(y(0.5))}) rotate(-90)" text-anchor="middle">observed frequency</text>`);
  const bins = details.reliability;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const points: string[] = [];
  for (const b of bins) {
    if (b.count === 0) continue;
    const cx = x(b.meanProbability);
    parts.push(`<line x1="${px(cx)}" y1="${px(y(b.meanProbability))}" x2="${px(cx)}" y2="${px(y(b.observed))}" stroke="${COLORS.gap}" stroke-width="2"/>`);
    points.push(`${px(cx)},${px(y(b.observed))}`);
  }
  parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS.gold}" stroke-width="1.5"/>`);
  for (const b of bins) {
    if (b.count === 0) continue;
    parts.push(`<circle class="bin" cx="${px(x(b.meanProbability))}" cy="${px(y(b.observed))}" r="4" fill="${COLORS.gold}"><title>${b.from.toFixed(2)}–${b.to.toFixed(2)}: ${b.count} pairs, mean probability ${fixed(b.meanProbability)}, observed ${fixed(b.observed)}</title></circle>`);
  }
  // Counts per bin on a log scale, under the diagram.
  const base = m.top + size + m.bottom + countHeight - 6;
  const barWidth = size / bins.length;
  bins.forEach((b, i) => {
    const h = b.count > 0 ? ((countHeight - 14) * Math.log1p(b.count)) / Math.log1p(maxCount) : 0;
    parts.push(`<rect x="${px(m.left + i * barWidth + 1)}" y="${px(base - h)}" width="${px(barWidth - 2)}" height="${px(h)}" fill="${COLORS.other}"><title>${b.count} pairs</title></rect>`);
  });
  parts.push(`<text x="${m.left}" y="${base - countHeight + 12}">pairs per bin (log scale)</text>`);
  const ece = details.report.calibrationError;
  parts.push(`<text x="${m.left + 8}" y="${m.top + 16}" font-weight="bold">ECE ${fixed(ece, 4)}</text>`);
  return `<svg id="reliability" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Reliability diagram, ECE ${fixed(ece, 4)}">${parts.join('')}</svg>`;
}

/** Rows: gold label; columns: label given; cell: share of the row's documents given the column's label. */
function heatMap(details: EvaluationDetails, name: (label: string) => string): string {
  const { labels, cooccurrence, goldCounts } = details;
  const given = labels.map((_, p) => cooccurrence.reduce((sum, row) => sum + (row[p] as number), 0));
  const keep = labels.map((_, l) => l).filter((l) => (goldCounts[l] as number) > 0 || (given[l] as number) > 0);
  const cell = 14;
  const left = 250;
  const top = 180;
  const width = left + keep.length * cell + 110;
  const height = top + keep.length * cell + 16;
  const parts: string[] = [];
  keep.forEach((p, j) => {
    const cx = left + j * cell + cell / 2;
    parts.push(`<text transform="translate(${px(cx + 4)} ${top - 6}) rotate(-60)">${esc(name(labels[p] as string))}</text>`);
  });
  keep.forEach((g, i) => {
    const rowTotal = goldCounts[g] as number;
    const y = top + i * cell;
    parts.push(`<text x="${left - 6}" y="${y + cell - 3}" text-anchor="end">${esc(name(labels[g] as string))} (${rowTotal})</text>`);
    keep.forEach((p, j) => {
      const n = (cooccurrence[g] as readonly number[])[p] as number;
      const share = rowTotal > 0 ? n / rowTotal : 0;
      const fill = share === 0 ? '#f4f4f4' : `rgb(${Math.round(255 - 200 * share)},${Math.round(255 - 150 * share)},${Math.round(255 - 60 * share)})`;
      const stroke = g === p ? ' stroke="#222" stroke-width="1"' : '';
      parts.push(`<rect class="cell" x="${left + j * cell}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${fill}"${stroke} data-share="${share.toFixed(4)}"><title>gold ${esc(name(labels[g] as string))} → given ${esc(name(labels[p] as string))}: ${n} of ${rowTotal} (${(100 * share).toFixed(1)}%)</title></rect>`);
    });
  });
  return `<svg id="cooccurrence" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Labels given (columns) when another is gold (rows)">${parts.join('')}</svg>`;
}

/** Shares of gold and non-gold pairs per probability bin, each side on its own scale (so both show). */
function histogramSvg(h: ScoreHistogram, width: number, height: number, axis: boolean): string {
  const m = { left: axis ? 36 : 4, right: 4, top: 6, bottom: axis ? 30 : 14 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const goldTotal = h.gold.reduce((a, b) => a + b, 0);
  const otherTotal = h.other.reduce((a, b) => a + b, 0);
  const shares = (xs: readonly number[], total: number) => xs.map((v) => (total > 0 ? v / total : 0));
  const g = shares(h.gold, goldTotal);
  const o = shares(h.other, otherTotal);
  const max = Math.max(1e-9, ...g, ...o);
  const bins = g.length;
  const bw = plotW / bins;
  const parts: string[] = [];
  for (let b = 0; b < bins; b++) {
    const ho = (plotH * (o[b] as number)) / max;
    const hg = (plotH * (g[b] as number)) / max;
    parts.push(`<rect x="${px(m.left + b * bw + 0.5)}" y="${px(m.top + plotH - ho)}" width="${px(bw / 2 - 0.5)}" height="${px(ho)}" fill="${COLORS.other}"/>`);
    parts.push(`<rect x="${px(m.left + b * bw + bw / 2)}" y="${px(m.top + plotH - hg)}" width="${px(bw / 2 - 0.5)}" height="${px(hg)}" fill="${COLORS.gold}"/>`);
  }
  parts.push(`<line x1="${m.left}" y1="${m.top + plotH}" x2="${m.left + plotW}" y2="${m.top + plotH}" stroke="#888"/>`);
  if (axis) {
    for (let t = 0; t <= 4; t++) parts.push(`<text x="${px(m.left + (plotW * t) / 4)}" y="${m.top + plotH + 13}" text-anchor="middle">${(t / 4).toFixed(2)}</text>`);
    parts.push(`<text x="${px(m.left + plotW / 2)}" y="${m.top + plotH + 27}" text-anchor="middle">probability</text>`);
    parts.push(`<text transform="translate(12 ${px(m.top + plotH / 2)}) rotate(-90)" text-anchor="middle">share of pairs</text>`);
  } else {
    parts.push(`<text x="${m.left}" y="${height - 2}">0</text><text x="${width - m.right}" y="${height - 2}" text-anchor="end">1</text>`);
  }
  return `<svg class="histogram" data-label="${esc(h.label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Scores of gold (${goldTotal}) and other (${otherTotal}) pairs"><title>${goldTotal} gold pairs, ${otherTotal} other pairs</title>${parts.join('')}</svg>`;
}

function histograms(details: EvaluationDetails, name: (label: string) => string): string {
  const [pooled, ...perLabel] = details.histograms;
  const supported = perLabel.filter((h) => h.gold.some((v) => v > 0));
  const small = supported
    .map((h) => `<figure><figcaption title="${esc(name(h.label))}">${esc(name(h.label))}</figcaption>${histogramSvg(h, 170, 70, false)}</figure>`)
    .join('');
  return `${legend([[COLORS.gold, 'gold (document has the label)'], [COLORS.other, 'other pairs']])}${pooled ? histogramSvg(pooled, 520, 220, true) : ''}<p class="note">Each label on its own (${supported.length} with gold documents):</p><div class="small">${small}</div>`;
}

function worstErrors(details: EvaluationDetails, name: (label: string) => string): string {
  if (details.worst.length === 0) return '<p class="note">No errors.</p>';
  const words = (list: readonly { text: string; contribution: number }[], cls: string) =>
    list.map((c) => `<span class="word ${cls}" title="${c.contribution.toFixed(4)}">${esc(c.text)} ${c.contribution > 0 ? '+' : ''}${c.contribution.toFixed(2)}</span>`).join('');
  const labelList = (ids: readonly string[]) => (ids.length ? ids.map((id) => esc(name(id))).join('; ') : '(none)');
  return details.worst
    .map((w) => {
      const what = w.kind === 'false-positive' ? `given <b>${esc(name(w.label))}</b> at ${fixed(w.score)}, not gold` : `missed <b>${esc(name(w.label))}</b>: gold, scored ${fixed(w.score)}`;
      return `<div class="error" data-kind="${w.kind}" data-label="${esc(w.label)}">
<h3>#${w.index + 1}${w.title ? ` · ${esc(w.title)}` : ''}</h3>
<p>${what}</p>
<p>gold: ${labelList(w.gold)} · given: ${labelList(w.predicted)}</p>
${w.excerpt ? `<p class="excerpt">${esc(w.excerpt)}</p>` : ''}
<p>words for ${esc(name(w.label))}:</p><div class="words">${words(w.explanation.up, 'up')}</div>
<p>words against:</p><div class="words">${words(w.explanation.down, 'down')}</div>
</div>`;
    })
    .join('\n');
}

/**
 * The report of `evaluationDetails` as one HTML page (see the module comment).
 * @example
 * const html = renderEvaluationReport(await evaluationDetails(model, examples), { title: 'allsides.dev' });
 */
export function renderEvaluationReport(details: EvaluationDetails, options?: ReportOptions): string {
  if (details === null || typeof details !== 'object' || !Array.isArray(details.reliability) || !Array.isArray(details.labels)) {
    throw new InvalidInputError('details', 'the result of evaluationDetails()', details);
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new InvalidInputError('options', 'an object', options);
  const title = options?.title ?? 'Evaluation report';
  const labelName = options?.labelName ?? ((label: string) => label);
  if (typeof labelName !== 'function') throw new InvalidInputError('options.labelName', 'a function', labelName);
  const about = (options?.about ?? []).map((line) => `<p class="about">${esc(line)}</p>`).join('');
  const unknown = Object.entries(details.unknownLabels);
  const unknownNote = unknown.length
    ? `<p class="note">Gold labels the model does not have (left out of the matrix; counted as misses): ${unknown.map(([l, n]) => `${esc(l)} (${n})`).join(', ')}.</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${about}
${summaryCards(details)}
<h2 id="per-label">Precision, recall and F1 per label</h2>
<p class="note">Most supported first; support = documents whose gold labels include the label.</p>
${labelBars(details, labelName)}
<h2 id="calibration">Calibration</h2>
<p class="note">Each point: the (document, label) pairs whose predicted probability fell in one bin, at their mean probability (x) and the share of them that were gold (y). On the dashed diagonal, a probability means what it says; red lines are the gaps. ECE = the size-weighted mean gap.</p>
${reliabilityDiagram(details)}
<h2 id="cooccurrence-map">Which labels are given when another is gold</h2>
<p class="note">Row: gold label (documents). Column: label given. Darker = a larger share of the row's documents. The outlined diagonal is recall; off the diagonal, confusions and co-occurring topics.</p>
${heatMap(details, labelName)}
${unknownNote}
<h2 id="scores">Score histograms</h2>
<p class="note">Predicted probabilities of pairs whose label is gold and of the others, each as a share of its own total: well-separated humps mean the threshold has room.</p>
${histograms(details, labelName)}
<h2 id="worst">Worst errors</h2>
<p class="note">The confident mistakes: labels given with a high score that were not gold, and gold labels scored low. Words: contributions to the label's score before calibration.</p>
${worstErrors(details, labelName)}
</main>
</body>
</html>
`;
}
