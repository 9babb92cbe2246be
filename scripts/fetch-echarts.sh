#!/usr/bin/env bash
# Vendor the ECharts browser library into the default theme.
#
# Downloads echarts@VERSION from the npm registry with `npm pack`, verifies the
# tarball's sha512 against the registry's published `dist.integrity`, and
# extracts dist/echarts.min.js, LICENSE and NOTICE into
# themes/default/static/vendor/echarts/.
#
# Usage:
#   scripts/fetch-echarts.sh           download, verify, (re)write vendored files
#   scripts/fetch-echarts.sh --check   download, verify, and compare with the
#                                      committed echarts.min.js (no writes)
set -euo pipefail

ECHARTS_VERSION="5.6.0"
PKG="echarts@${ECHARTS_VERSION}"

usage() {
    echo "usage: $0 [--check]" >&2
}

mode="fetch"
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

for tool in npm tar; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: required tool '$tool' not found" >&2
        exit 1
    fi
done

# Repository root, from this script's own location (not the current directory).
script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd -- "${script_dir}/.." && pwd)"
dest="${repo_root}/themes/default/static/vendor/echarts"

tmp="$(mktemp -d)"
cleanup() { rm -rf -- "$tmp"; }
trap cleanup EXIT

# Keep npm's cache and logs inside the temp dir so nothing else is written.
export npm_config_cache="${tmp}/npm-cache"
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false

sha512_b64() {
    if command -v openssl >/dev/null 2>&1; then
        openssl dgst -sha512 -binary "$1" | base64 -w0
    else
        python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode(), end="")' "$1"
    fi
}

sha256_hex() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"
    fi
}

echo "Looking up registry integrity for ${PKG}..." >&2
integrity="$(cd "$tmp" && npm view --loglevel=warn "$PKG" dist.integrity)"
integrity="$(printf '%s' "$integrity" | tr -d '[:space:]')"
case "$integrity" in
    sha512-?*) ;;
    *)
        echo "error: unexpected integrity string from registry for ${PKG}: '${integrity}'" >&2
        exit 1
        ;;
esac

echo "Downloading ${PKG}..." >&2
pack_dir="${tmp}/pack"
mkdir -p "$pack_dir"
(cd "$pack_dir" && npm pack --loglevel=warn "$PKG" >/dev/null)
tgz="${pack_dir}/echarts-${ECHARTS_VERSION}.tgz"
if [[ ! -f "$tgz" ]]; then
    echo "error: npm pack did not produce ${tgz}" >&2
    exit 1
fi

actual="sha512-$(sha512_b64 "$tgz")"
if [[ "$actual" != "$integrity" ]]; then
    echo "error: integrity mismatch for ${PKG}" >&2
    echo "  registry: ${integrity}" >&2
    echo "  tarball:  ${actual}" >&2
    exit 1
fi
echo "Integrity verified: ${integrity}" >&2

extract_dir="${tmp}/extract"
mkdir -p "$extract_dir"
tar -xzf "$tgz" -C "$extract_dir" \
    package/dist/echarts.min.js package/LICENSE package/NOTICE

src_js="${extract_dir}/package/dist/echarts.min.js"

if [[ "$mode" == "check" ]]; then
    committed="${dest}/echarts.min.js"
    if [[ ! -f "$committed" ]]; then
        echo "error: ${committed} does not exist; run $0 without --check first" >&2
        exit 1
    fi
    if cmp -s "$src_js" "$committed"; then
        echo "OK: committed echarts.min.js matches ${PKG}" >&2
        echo "sha256 $(sha256_hex "$committed")  echarts.min.js"
        exit 0
    else
        echo "error: committed echarts.min.js differs from ${PKG}" >&2
        echo "  committed sha256: $(sha256_hex "$committed")" >&2
        echo "  registry  sha256: $(sha256_hex "$src_js")" >&2
        exit 1
    fi
fi

mkdir -p "$dest"
install -m 0644 "$src_js" "${dest}/echarts.min.js"
install -m 0644 "${extract_dir}/package/LICENSE" "${dest}/LICENSE"
install -m 0644 "${extract_dir}/package/NOTICE" "${dest}/NOTICE"
printf 'echarts %s\nintegrity %s\n' "$ECHARTS_VERSION" "$integrity" > "${dest}/VERSION"

echo "Vendored ${PKG} into ${dest#"${repo_root}"/}" >&2
echo "sha256 $(sha256_hex "${dest}/echarts.min.js")  echarts.min.js"
