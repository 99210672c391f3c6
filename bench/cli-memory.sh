#!/usr/bin/env bash
# Peak memory of `news-topics classify --jsonl` on a small and a large input (default 100 MB and 1 GB):
# streaming keeps it flat. Usage: bash bench/cli-memory.sh [SMALL_MB] [LARGE_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-100}; large=${2:-1000}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
make_jsonl() { # $1 = size in MB: short news-like records, 1 KB each
  node -e '
    const n = Number(process.argv[1]) * 1024;
    const words = "minister election football striker earthquake rescue market shares inflation vaccine hospital court verdict army missile talks summit".split(" ");
    const out = process.stdout; let i = 0;
    function write() {
      let ok = true;
      while (i < n && ok) {
        let text = ""; while (text.length < 950) text += words[(i * 7 + text.length) % words.length] + " ";
        ok = out.write(JSON.stringify({ id: "r" + i, text }) + "\n"); i++;
      }
      if (i < n) out.once("drain", write);
    }
    write();' "$1" > "$dir/in-$1.jsonl"
}
for size in "$small" "$large"; do
  make_jsonl "$size"
  start=$(date +%s)
  /usr/bin/time -f "%M" -o "$dir/rss" node dist/cli/bin.js classify --jsonl "$dir/in-$size.jsonl" > "$dir/out.jsonl"
  echo "input ${size} MB ($(wc -l < "$dir/in-$size.jsonl") records): output $(wc -l < "$dir/out.jsonl") records, peak RSS $(( $(cat "$dir/rss") / 1024 )) MB, $(( $(date +%s) - start )) s"
  rm -f "$dir/in-$size.jsonl" "$dir/out.jsonl"
done
