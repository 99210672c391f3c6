// The README's main job: classify an article with the default model. Usage: node examples/classify-article.mjs [FILE]
import { readFileSync } from 'node:fs';
import { classify } from 'news-topics';

const file = process.argv[2] ?? new URL('./article.txt', import.meta.url);
const body = readFileSync(file, 'utf8');
console.log(`Topics of ${typeof file === 'string' ? file : 'examples/article.txt'}:`);
for (const topic of classify(body, { hierarchy: 'full' }).topics) {
  const indent = topic.parent ? '  ' : '';
  console.log(`${indent}${topic.label.padEnd(32 - indent.length)} ${topic.score.toFixed(3)}  ${topic.iptc.join(' ')}`);
}
