// Run by Deno and Bun (test/web/runtimes.test.ts): imports a built entry of news-topics, loads the default model
// the way that entry does (the browser entry fetches data/model-web.bin from a file: URL), classifies the articles
// given as JSON in the second argument, and prints the results as JSON.
const [entry, articlesJson] = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const nt = await import(entry);
if (typeof nt.loadDefaultModel === 'function') await nt.loadDefaultModel();
const articles = JSON.parse(articlesJson);
const results = articles.map((article) => nt.classify(article, { explain: true, places: true }));
console.log(JSON.stringify(results));
