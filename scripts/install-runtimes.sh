#!/usr/bin/env bash
# Installs Deno and Bun (their npm packages, pinned) into .runtimes/ for test/web/runtimes.test.ts, when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .runtimes/node_modules/.bin/deno ] && [ -x .runtimes/node_modules/.bin/bun ]; then exit 0; fi
mkdir -p .runtimes
echo '{ "private": true }' > .runtimes/package.json
npm install --prefix .runtimes --no-audit --no-fund --no-save --silent deno@2.9.6 bun@1.4.5
