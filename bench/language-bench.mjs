// The language detectors compared for `classify`'s language check, on the dev files (all English: how often each
// calls English text foreign) and on test/fixtures/languages.json (21 paragraphs in six other languages).
// The peers are not project dependencies; install them beside the project first:
//   npm install --no-save tinyld@1 eld@2 languagedetect@2 && node bench/language-bench.mjs > bench/LANGUAGE-RESULTS.md
import { readFileSync } from 'node:fs';

const SHARED = new URL('../../shared/datasets/news-topics/', import.meta.url);
const read = (f) => readFileSync(new URL(f, SHARED), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const english = [
  ...read('allsides.dev.jsonl').map((r) => ({ set: 'allsides.dev', text: `${r.title}\n${r.text}` })),
  ...read('worldwide.dev.jsonl').map((r) => ({ set: 'worldwide.dev', text: r.text })),
  ...read('wcep.dev.jsonl').map((r) => ({ set: 'wcep.dev (1-3 sentences)', text: r.text })),
];
const fixtures = JSON.parse(readFileSync(new URL('../test/fixtures/languages.json', import.meta.url), 'utf8'));
const foreign = Object.entries(fixtures).filter(([k]) => k !== 'about').flatMap(([, list]) => list);

const timed = async (load) => {
  const start = performance.now();
  const detect = await load();
  return { detect, loadMs: performance.now() - start };
};
const detectors = {
  'franc-min 6': await timed(async () => { const { franc } = await import('franc-min'); return (t) => { const c = franc(t, { minLength: 10 }); return c === 'eng' || c === 'sco' || c === 'und'; }; }),
  'tinyld 1 (light)': await timed(async () => { const m = await import('tinyld/light'); return (t) => m.detect(t) === 'en'; }),
  'eld 2 (small)': await timed(async () => { const { eld } = await import('eld/small'); return (t) => eld.detect(t).language === 'en'; }),
  'languagedetect 2': await timed(async () => { const LanguageDetect = (await import('languagedetect')).default; const ld = new LanguageDetect(); ld.setLanguageType('iso2'); return (t) => (ld.detect(t, 1)[0]?.[0] ?? 'en') === 'en'; }),
};
console.log('# Language detectors\n');
console.log(`Produced by \`node bench/language-bench.mjs\` on ${new Date().toISOString().slice(0, 10)}. Each detector reads the first 1,000 characters. "Load" is the first import in the process.\n`);
console.log('| detector | English texts called foreign | foreign paragraphs caught | ms per text | load ms |');
console.log('|---|---|---|---|---|');
for (const [name, { detect, loadMs }] of Object.entries(detectors)) {
  const wrong = {};
  const start = performance.now();
  for (const e of english) {
    wrong[e.set] ??= [0, 0];
    wrong[e.set][1]++;
    if (!detect(e.text.slice(0, 1000))) wrong[e.set][0]++;
  }
  const ms = (performance.now() - start) / english.length;
  const caught = foreign.filter((t) => !detect(t)).length;
  console.log(`| ${name} | ${Object.entries(wrong).map(([k, [w, n]]) => `${k} ${w}/${n}`).join(', ')} | ${caught}/${foreign.length} | ${ms.toFixed(3)} | ${loadMs.toFixed(0)} |`);
}
console.log('\nSizes on disk (node_modules): franc-min 152 KB (+ trigram-utils 28 KB), tinyld 12 MB, eld 9 MB (its small model alone 1.6 MB of JavaScript), languagedetect 348 KB.');
console.log('news-topics uses franc-min, and only for texts that are not plainly English (see src/text/language.ts): texts under 150 characters are undetermined and classified as English.');
