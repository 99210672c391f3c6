#!/usr/bin/env bash
# Installs what `npm run bench` needs and is missing: Debian's fastText CLI, scikit-learn and GNU time; the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v fasttext >/dev/null || missing+=(fasttext)
/usr/bin/python3 -c 'import sklearn' 2>/dev/null || missing+=(python3-sklearn)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
[ -d node_modules ] || npm ci
