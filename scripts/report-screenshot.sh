#!/usr/bin/env bash
# Regenerates docs/report.png: the sample county's report.html as headless
# Chromium draws it (the top of the page: figures, map, shortage bars).
# Needs chromium and a CJK font (Debian: apt-get install chromium
# fonts-wqy-zenhei), or the Chinese labels show as boxes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --locked --quiet -- solve data/sample --as-of 2026-11-23 --out "$out" --quiet
browser=${ROTAPLAN_CHROMIUM:-chromium}
"$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars \
    --user-data-dir="$out/profile" --window-size=1200,1750 \
    --screenshot="$PWD/docs/report.png" "file://$out/report.html" 2>/dev/null
echo "wrote docs/report.png"
