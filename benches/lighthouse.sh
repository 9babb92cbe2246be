#!/usr/bin/env bash
# Lighthouse's performance score of the example site's dashboard, improvement plan and full
# report, on its default mobile profile (a mid-range phone on a slow 4G network, simulated), with
# Debian's Chromium, served from a local web server twice: as a web server compresses text by
# default (gzip, as Debian's Apache and nginx and Windows' IIS do for HTML), and without
# compression. See docs/performance.md.
#
#   benches/lighthouse.sh [--runs R] [--work DIR]
#
# Defaults: --runs 3 --work $TMPDIR/qmsite-lighthouse. Installs the npm package lighthouse into
# the work folder when it is missing; needs Chromium (QMSITE_CHROMIUM or /usr/bin/chromium),
# Node.js and Python 3 (its http.server serves the site).
set -euo pipefail

runs=3
work="${TMPDIR:-/tmp}/qmsite-lighthouse"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
chromium="${QMSITE_CHROMIUM:-/usr/bin/chromium}"
mkdir -p "$work"
if [ ! -x "$work/node_modules/.bin/lighthouse" ]; then
  echo "Installing lighthouse from the npm registry" >&2
  npm install --silent --no-audit --no-fund --prefix "$work" lighthouse@12 >/dev/null
fi
echo "lighthouse: $("$work/node_modules/.bin/lighthouse" --version)"
echo "chromium: $("$chromium" --version 2>/dev/null | tail -1)"

(cd "$repo" && cargo build --release --quiet --bin qmsite)
site_out="$work/site"
"$target/release/qmsite" build --root "$repo" --today 2026-11-24 --quiet --output "$site_out"

# A static server on Python's http.server that gzips responses when the browser accepts it.
cat > "$work/serve.py" <<'PY'
import gzip, http.server, os, sys

class Handler(http.server.SimpleHTTPRequestHandler):
    compress = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.translate_path(self.path)
        if not (self.compress and os.path.isfile(path) and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

Handler.compress = sys.argv[2] == "gzip"
os.chdir(sys.argv[3])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY

server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null || true' EXIT
port=8765
for mode in gzip plain; do
  python3 "$work/serve.py" "$port" "$mode" "$site_out" &
  server=$!
  sleep 1
  echo "== served with $mode responses"
  for page in index.html improvements.html report.html; do
    scores=()
    for i in $(seq "$runs"); do
      report="$work/${page%.html}-$mode-$i.json"
      CHROME_PATH="$chromium" "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" \
        --quiet --only-categories=performance --output=json --output-path="$report" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 \
        || { echo "lighthouse failed on $page" >&2; exit 1; }
      scores+=("$(node -e '
        const r = require(process.argv[1]);
        const a = r.audits;
        const ms = (k) => Math.round(a[k].numericValue);
        console.log(Math.round(r.categories.performance.score * 100) + " (FCP " + ms("first-contentful-paint") + " ms, LCP " + ms("largest-contentful-paint") + " ms, TBT " + ms("total-blocking-time") + " ms, CLS " + a["cumulative-layout-shift"].numericValue.toFixed(3) + ", transferred " + a["total-byte-weight"].numericValue + " bytes)");
      ' "$report")")
    done
    echo "$page:"
    printf '  %s\n' "${scores[@]}"
  done
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
  port=$((port + 1))
done
