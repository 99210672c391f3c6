// The demo page: news-topics' browser build (served at /app/main.js by scripts/demo.ts), no server-side code.
import { loadDefaultModel, classify, explain } from '/app/main.js';

const $ = (id) => document.getElementById(id);
const state = { input: null, result: null };

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with the words of an explanation highlighted (forms as written; " (lead)" marks a lead feature). */
function highlighted(text, explanation) {
  const forms = new Set();
  for (const c of explanation.up) for (const form of c.text.split(' / ')) forms.add(form.replace(/ \(lead\)$/, ''));
  const container = document.createDocumentFragment();
  const words = [...forms].filter((f) => f.length > 1).sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (words.length === 0) {
    container.append(text);
    return container;
  }
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    container.append(text.slice(last, match.index));
    const mark = document.createElement('mark');
    mark.textContent = match[0];
    container.append(mark);
    last = match.index + match[0].length;
  }
  container.append(text.slice(last));
  return container;
}

function showWhy(topic) {
  const { input } = state;
  const text = input.title ? `${input.title}\n\n${input.body}` : input.body;
  const explanation = explain(input, topic.id, { limit: 15 });
  $('why-topic').textContent = topic.label;
  $('text').replaceChildren(highlighted(text, explanation));
  for (const li of $('topics').children) li.classList.toggle('selected', li.dataset.id === topic.id);
}

function render(result) {
  const list = $('topics');
  list.replaceChildren();
  for (const topic of result.topics) {
    const li = document.createElement('li');
    li.dataset.id = topic.id;
    if (topic.parent) li.classList.add('child');
    li.innerHTML = '<span class="name"></span><span class="bar-track"><div class="bar"></div></span><span class="score"></span>';
    li.querySelector('.name').textContent = topic.label;
    li.querySelector('.bar').style.width = `${(topic.score * 100).toFixed(1)}%`;
    li.querySelector('.score').textContent = topic.score.toFixed(3);
    li.title = topic.iptc.join(' ');
    li.addEventListener('click', () => showWhy(topic));
    list.append(li);
  }
  if (result.topics.length === 0) list.innerHTML = '<li>No topics' + (result.language !== 'eng' && result.language !== 'und' ? ' (the text is not English)' : '') + '</li>';
  $('language').textContent = `language: ${result.language}`;
  const places = $('places');
  places.replaceChildren();
  for (const place of result.places ?? []) {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.innerHTML = '<span></span> <code></code>';
    chip.querySelector('span').textContent = `${place.name} ×${place.mentions}`;
    chip.querySelector('code').textContent = place.code;
    places.append(chip);
  }
  if ((result.places ?? []).length === 0) places.textContent = 'none';
  $('output').hidden = false;
  if (result.topics[0]) showWhy(result.topics[0]);
  else $('text').textContent = '';
}

function run() {
  const body = $('body').value;
  const title = $('title').value.trim();
  if (!/\S/.test(body)) {
    $('status').textContent = 'Paste an article first.';
    return;
  }
  state.input = { title: title || null, body };
  const t0 = performance.now();
  state.result = classify(state.input, { hierarchy: 'full', places: true });
  $('status').textContent = `classified in ${(performance.now() - t0).toFixed(0)} ms`;
  render(state.result);
}

const body = $('body');
body.addEventListener('dragover', (event) => {
  event.preventDefault();
  body.classList.add('dragging');
});
body.addEventListener('dragleave', () => body.classList.remove('dragging'));
body.addEventListener('drop', async (event) => {
  event.preventDefault();
  body.classList.remove('dragging');
  const file = event.dataTransfer?.files?.[0];
  if (file) body.value = await file.text();
});
$('classify').addEventListener('click', run);

const t0 = performance.now();
loadDefaultModel().then(
  () => {
    $('classify').disabled = false;
    $('classify').textContent = 'Classify';
    $('status').textContent = `model loaded in ${(performance.now() - t0).toFixed(0)} ms`;
    document.body.dataset.ready = 'true';
  },
  (error) => {
    $('classify').textContent = 'The model could not be loaded';
    $('status').textContent = error.message;
  },
);
