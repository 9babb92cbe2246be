#!/usr/bin/env bash
# Build the ECharts library of the default theme from the npm registry.
#
# qmsite uses a part of ECharts (the chart kinds and components listed in
# scripts/echarts/entry.js), bundled into one file: the build-time drawing engine
# loads it into QuickJS for every build and the reader's browser loads it when a
# chart is first pointed at, so everything left out is time saved on both sides.
#
# Installs the exact packages of scripts/echarts/package-lock.json (npm checks
# each one against the lock file's sha512), bundles entry.js with esbuild and
# writes echarts.min.js, ECharts' LICENSE and NOTICE, and VERSION into
# themes/default/static/vendor/echarts/. The same lock file gives the same bytes.
#
# Usage:
#   scripts/build-echarts.sh           install, bundle, (re)write the vendored files
#   scripts/build-echarts.sh --check   install, bundle, and compare with the
#                                      committed echarts.min.js (no writes)
set -euo pipefail

usage() {
    echo "usage: $0 [--check]" >&2
}

mode="build"
case "$#" in
    0) ;;
    1)
        case "$1" in
            --check) mode="check" ;;
            -h|--help) usage; exit 0 ;;
            *) usage; exit 2 ;;
        esac
        ;;
    *) usage; exit 2 ;;
esac

for tool in npm node; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: required tool '$tool' not found (install Node.js with npm)" >&2
        exit 1
    fi
done

# Repository root, from this script's own location (not the current directory).
script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd -- "${script_dir}/.." && pwd)"
recipe="${script_dir}/echarts"
dest="${repo_root}/themes/default/static/vendor/echarts"

tmp="$(mktemp -d)"
cleanup() { rm -rf -- "$tmp"; }
trap cleanup EXIT

# Keep npm's cache and logs inside the temp dir so nothing else is written.
export npm_config_cache="${tmp}/npm-cache"
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false

sha256_hex() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"
    fi
}

work="${tmp}/work"
mkdir -p "$work"
cp "${recipe}/package.json" "${recipe}/package-lock.json" "${recipe}/entry.js" "$work/"
echo "Installing the packages of scripts/echarts/package-lock.json..." >&2
(cd "$work" && npm ci --loglevel=warn --ignore-scripts >/dev/null)
version="$(node -p 'require(process.argv[1]).version' "${work}/node_modules/echarts/package.json")"

echo "Bundling echarts ${version}..." >&2
(cd "$work" && node node_modules/esbuild/bin/esbuild entry.js --bundle --minify \
    --format=iife --target=es2015 --legal-comments=none --log-level=warning \
    "--banner:js=/*! Apache ECharts ${version} (parts), Apache License 2.0: see LICENSE and NOTICE beside this file. */" \
    --outfile=echarts.min.js)
built="${work}/echarts.min.js"

if [[ "$mode" == "check" ]]; then
    committed="${dest}/echarts.min.js"
    if [[ ! -f "$committed" ]]; then
        echo "error: ${committed} does not exist; run $0 without --check first" >&2
        exit 1
    fi
    if cmp -s "$built" "$committed"; then
        echo "OK: committed echarts.min.js is the bundle of scripts/echarts" >&2
        echo "sha256 $(sha256_hex "$committed")  echarts.min.js"
        exit 0
    else
        echo "error: committed echarts.min.js differs from the bundle of scripts/echarts" >&2
        echo "  committed sha256: $(sha256_hex "$committed")" >&2
        echo "  bundled   sha256: $(sha256_hex "$built")" >&2
        exit 1
    fi
fi

mkdir -p "$dest"
install -m 0644 "$built" "${dest}/echarts.min.js"
install -m 0644 "${work}/node_modules/echarts/LICENSE" "${dest}/LICENSE"
install -m 0644 "${work}/node_modules/echarts/NOTICE" "${dest}/NOTICE"
{
    echo "echarts ${version}, the parts listed in scripts/echarts/entry.js, bundled by scripts/build-echarts.sh"
    echo "sha256 $(sha256_hex "${dest}/echarts.min.js")"
} > "${dest}/VERSION"

echo "Built echarts ${version} into ${dest#"${repo_root}"/}" >&2
echo "sha256 $(sha256_hex "${dest}/echarts.min.js")  echarts.min.js"
