#!/usr/bin/env bash
# Builds the example site and photographs its main pages at a desk's width (1280 px) and a
# phone's (375 px) into docs/screenshots/, so that a change in look shows in review like a change
# in code. Needs Chromium (QMSITE_CHROMIUM, or /usr/bin/chromium).
#
#   bash scripts/screenshots.sh            # the pages kept in docs/screenshots/
#   bash scripts/screenshots.sh --all DIR  # every page kind, into DIR (for comparing before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --release --quiet
./target/release/qmsite build -o "$out/site" >/dev/null
pages=(index.html=dashboard assessments/2026.html=assessment improvements.html=register
       benchmark.html=benchmark)
dest=docs/screenshots
if [[ "${1:-}" == "--all" ]]; then
  dest=${2:?"--all needs a folder"}
  pages+=(iso20000.html=iso qms.html=qms frameworks/itqi-example.html=framework
          frameworks/itqi-example/d1.1.html=dimension pages/findings.html=narrative
          report.html=report compare/2023/2026.html=compare cs/index.html=dashboard-cs)
fi
cargo run --release --quiet --example screenshots -- "$out/site" "$dest" "${pages[@]}"
