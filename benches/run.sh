#!/usr/bin/env bash
# Benchmark harness: qmsite against Hugo on the same narrative pages (rebuilds and builds from
# scratch), qmsite alone on the full synthetic corpus at two sizes, the same with every narrative
# in one folder (against Hugo too), one-narrative edits in `qmsite serve` on the full corpus, and
# the example site, and reading the git history of a site with 1,000 commits touching content.
# See docs/performance.md for how to read it.
#
#   benches/run.sh [--pages N] [--sizes "A B"] [--runs R] [--work DIR] [--no-hugo] [--no-full] [--no-flat] [--no-serve] [--no-example] [--no-history]
#
# Defaults: --pages 10000 --sizes "5000 10000" --runs 7 --work $TMPDIR/qmsite-bench.
# Needs a Rust toolchain; installs Debian's hugo and time with apt-get when they are missing.
set -euo pipefail

pages=10000
sizes="5000 10000"
runs=7
work="${TMPDIR:-/tmp}/qmsite-bench"
do_hugo=1
do_full=1
do_flat=1
do_serve=1
do_example=1
do_history=1
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) pages="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --no-hugo) do_hugo=0; shift ;;
    --no-full) do_full=0; shift ;;
    --no-flat) do_flat=0; shift ;;
    --no-serve) do_serve=0; shift ;;
    --no-example) do_example=0; shift ;;
    --no-history) do_history=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
today=2026-11-24

install_missing() {
  local missing=()
  [ "$do_hugo" = 1 ] && ! command -v hugo >/dev/null && missing+=(hugo)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} with apt-get" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Wall time of one command in milliseconds; its output is discarded, a failure stops the run.
# The processor time it used (user + system, all threads) is left in $work/last-cpu, in ms.
time_ms() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$work/last-time" "$@" >/dev/null 2>"$work/last-stderr" \
    || { echo "failed: $*" >&2; cat "$work/last-stderr" >&2; exit 1; }
  end=$(date +%s%N)
  awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$work/last-time" > "$work/last-cpu"
  echo $(( (end - start) / 1000000 ))
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# Peak resident memory of one command in MB, from GNU time.
peak_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

install_missing
mkdir -p "$work"
target="${CARGO_TARGET_DIR:-$repo/target}"
echo "Building qmsite and the corpus generator (release)" >&2
(cd "$repo" && cargo build --release --quiet --bin qmsite --example corpus --example serve_edit --example history_bench)
qmsite="$target/release/qmsite"
corpus="$target/release/examples/corpus"
serve_edit="$target/release/examples/serve_edit"
history_bench="$target/release/examples/history_bench"

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "qmsite: $("$qmsite" --version)"

if [ "$do_hugo" = 1 ]; then
  echo "hugo: $(hugo version | cut -d' ' -f1-2)"
  site="$work/narrative-$pages"
  "$corpus" --out "$site" --pages "$pages" --theme minimal >/dev/null
  q_out="$work/out-qmsite-narrative"
  h_out="$work/out-hugo-narrative"
  q_cmd=("$qmsite" build --root "$site" --today "$today" --quiet --output "$q_out")
  h_cmd=(hugo --source "$site/hugo" --destination "$h_out" --quiet)
  # One untimed run each fills the file cache and leaves an output to rebuild over.
  "${q_cmd[@]}" >/dev/null
  "${h_cmd[@]}" >/dev/null
  q_times=()
  h_times=()
  for _ in $(seq "$runs"); do
    q_times+=("$(time_ms "${q_cmd[@]}")")
    h_times+=("$(time_ms "${h_cmd[@]}")")
  done
  q_med=$(median "${q_times[@]}")
  h_med=$(median "${h_times[@]}")
  echo
  echo "== $pages narrative pages, minimal page template in each, $runs runs alternating"
  echo "qmsite ms: ${q_times[*]}  median $q_med  peak $(peak_mb "${q_cmd[@]}") MB  ($(find "$q_out/pages" -name '*.html' | wc -l) narrative pages written)"
  echo "hugo   ms: ${h_times[*]}  median $h_med  peak $(peak_mb "${h_cmd[@]}") MB  ($(find "$h_out" -name '*.html' | wc -l) pages written)"
  echo "qmsite / hugo: $(ratio "$q_med" "$h_med")  (target: at most 0.50)"

  # From scratch: each run writes into a new folder, so qmsite can reuse nothing and both write
  # every file. The folders are removed only at the end: creating thousands of files within
  # seconds of deleting thousands is slow on ext4 for any program (the inode allocator skips
  # recently deleted inodes one by one), which would measure the file system, not the tools.
  q_times=()
  h_times=()
  scratch="$work/scratch"
  rm -rf "$scratch"
  mkdir -p "$scratch"
  for i in $(seq "$runs"); do
    q_times+=("$(time_ms "${q_cmd[@]:0:${#q_cmd[@]}-1}" "$scratch/qmsite-$i")")
    h_times+=("$(time_ms hugo --source "$site/hugo" --destination "$scratch/hugo-$i" --quiet)")
  done
  rm -rf "$scratch"
  q_med=$(median "${q_times[@]}")
  h_med=$(median "${h_times[@]}")
  echo
  echo "== the same from scratch (a new output folder for each run), $runs runs alternating"
  echo "qmsite ms: ${q_times[*]}  median $q_med"
  echo "hugo   ms: ${h_times[*]}  median $h_med"
  echo "qmsite / hugo: $(ratio "$q_med" "$h_med")  (target: at most 0.50)"
fi

if [ "$do_full" = 1 ]; then
  echo
  echo "== full corpus (assessments, improvements, benchmark, QMS, coverage, charts, default theme), $runs runs"
  prev=""
  for n in $sizes; do
    site="$work/full-$n"
    "$corpus" --out "$site" --pages "$n" >/dev/null
    cmd=("$qmsite" build --root "$site" --today "$today" --quiet --output "$work/out-full-$n")
    "${cmd[@]}" >/dev/null
    ts=()
    cpus=()
    for _ in $(seq "$runs"); do
      ts+=("$(time_ms "${cmd[@]}")")
      cpus+=("$(cat "$work/last-cpu")")
    done
    med=$(median "${ts[@]}")
    cpu=$(median "${cpus[@]}")
    echo "$n pages wall ms: ${ts[*]}  median $med  (processor time median $cpu ms)  peak $(peak_mb "${cmd[@]}") MB"
    if [ -n "$prev" ]; then
      echo "growth for ×$(ratio "$n" "$prev_n") pages: wall ×$(ratio "$med" "$prev")  processor time ×$(ratio "$cpu" "$prev_cpu")  (target: at most 2.2)"
    fi
    prev=$med
    prev_cpu=$cpu
    prev_n=$n
  done
fi

if [ "$do_flat" = 1 ]; then
  echo
  echo "== every narrative directly in content/pages/ (one folder), full corpus, default theme, $runs runs"
  prev=""
  for n in $sizes; do
    site="$work/flat-$n"
    "$corpus" --out "$site" --pages "$n" --layout flat >/dev/null
    out="$work/out-flat-$n"
    cmd=("$qmsite" build --root "$site" --today "$today" --quiet --output "$out")
    "${cmd[@]}" >/dev/null
    ts=()
    for _ in $(seq "$runs"); do ts+=("$(time_ms "${cmd[@]}")"); done
    med=$(median "${ts[@]}")
    bytes=$(du -sb "$out" | cut -f1)
    echo "$n pages wall ms: ${ts[*]}  median $med  peak $(peak_mb "${cmd[@]}") MB  output $bytes bytes ($(find "$out" -name '*.html' | wc -l) pages, search index $(stat -c %s "$out/search-index.js") bytes)"
    if [ -n "$prev" ]; then
      echo "growth for ×$(ratio "$n" "$prev_n") pages: time ×$(ratio "$med" "$prev")  output bytes ×$(ratio "$bytes" "$prev_bytes")  (targets: at most 2.2 and 2.1)"
    fi
    prev=$med
    prev_bytes=$bytes
    prev_n=$n
  done
  if [ "$do_hugo" = 1 ]; then
    site="$work/flat-narrative-$pages"
    "$corpus" --out "$site" --pages "$pages" --layout flat --theme minimal >/dev/null
    q_cmd=("$qmsite" build --root "$site" --today "$today" --quiet --output "$work/out-qmsite-flat")
    h_cmd=(hugo --source "$site/hugo" --destination "$work/out-hugo-flat" --quiet)
    "${q_cmd[@]}" >/dev/null
    "${h_cmd[@]}" >/dev/null
    q_times=()
    h_times=()
    for _ in $(seq "$runs"); do
      q_times+=("$(time_ms "${q_cmd[@]}")")
      h_times+=("$(time_ms "${h_cmd[@]}")")
    done
    q_med=$(median "${q_times[@]}")
    h_med=$(median "${h_times[@]}")
    echo "-- $pages narrative pages in one folder, minimal page template in each, against Hugo"
    echo "qmsite ms: ${q_times[*]}  median $q_med  peak $(peak_mb "${q_cmd[@]}") MB"
    echo "hugo   ms: ${h_times[*]}  median $h_med  peak $(peak_mb "${h_cmd[@]}") MB"
    echo "qmsite / hugo: $(ratio "$q_med" "$h_med")  (target: at most 0.50)"
  fi
fi

if [ "$do_serve" = 1 ]; then
  site="$work/full-$pages"
  "$corpus" --out "$site" --pages "$pages" >/dev/null
  echo
  echo "== serve: one-narrative edits on the $pages-page full corpus, $runs edits each"
  echo "-- a page in a sub-folder"
  "$serve_edit" "$qmsite" "$site" content/pages/part-07/page-00507.md "$runs"
  echo "-- a page at the top of content/pages/ that is a section of the full report"
  "$serve_edit" "$qmsite" "$site" content/pages/overview-01.md "$runs"
fi

if [ "$do_example" = 1 ]; then
  echo
  echo "== example site (repository root), $((runs * 3)) runs"
  cmd=("$qmsite" build --root "$repo" --today "$today" --quiet --output "$work/out-example")
  "${cmd[@]}" >/dev/null
  ts=()
  for _ in $(seq $((runs * 3))); do ts+=("$(time_ms "${cmd[@]}")"); done
  echo "example ms: ${ts[*]}  median $(median "${ts[@]}")  peak $(peak_mb "${cmd[@]}") MB  (charts from the cache folder; target: under 100)"
  # With an empty cache folder every chart is drawn: a copy of the example, its cache removed
  # before each run.
  copy="$work/example-copy"
  rm -rf "$copy"
  mkdir -p "$copy"
  cp -r "$repo"/qmsite*.toml "$repo/content" "$copy/"
  cmd=("$qmsite" build --root "$copy" --today "$today" --quiet --output "$work/out-example-cold")
  ts=()
  for _ in $(seq "$runs"); do
    rm -rf "$copy/.qmsite-cache"
    ts+=("$(time_ms "${cmd[@]}")")
  done
  rm -rf "$copy/.qmsite-cache"
  echo "example, empty cache ms: ${ts[*]}  median $(median "${ts[@]}")  peak $(peak_mb "${cmd[@]}") MB  (every chart drawn; target: under 400)"
  echo "-- serve: an improvement's direction changed and back (edit 1 draws the direction chart anew; later edits find both states in the cache)"
  "$serve_edit" "$qmsite" "$copy" content/improvements/register.toml "$runs" \
    'direction = "raise"' 'direction = "keep"' /improvements.html
  # The example has a Czech edition, which doubles the site; the same in English only: a copy
  # without `languages` and the translation files.
  one="$work/example-one-language"
  rm -rf "$one"
  mkdir -p "$one"
  cp -r "$repo/qmsite.toml" "$repo/content" "$one/"
  sed -i '/^languages = /d' "$one/qmsite.toml"
  find "$one/content" -name '*.cs.*' -delete
  cmd=("$qmsite" build --root "$one" --today "$today" --quiet --output "$work/out-example-one")
  "${cmd[@]}" >/dev/null
  ts=()
  for _ in $(seq $((runs * 3))); do ts+=("$(time_ms "${cmd[@]}")"); done
  echo "example in English only ms: ${ts[*]}  median $(median "${ts[@]}")  (charts from the cache folder; no git history)"
  ts=()
  for _ in $(seq "$runs"); do
    rm -rf "$one/.qmsite-cache"
    ts+=("$(time_ms "${cmd[@]}")")
  done
  echo "example in English only, empty cache ms: ${ts[*]}  median $(median "${ts[@]}")  (every chart drawn)"
fi

if [ "$do_history" = 1 ]; then
  echo
  echo "== git history: the example site committed 1000 times (status, rating, coverage, narrative in turn), $runs reads"
  "$history_bench" "$work/history-site" 1000 "$runs"
fi

echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
