#!/usr/bin/env bash
# Fetches MovieLens "latest-small" as shipped in Debian's r-cran-dslabs, without installing R.
# Idempotent, and never fails its caller: when the data cannot be had it says so and exits 0,
# and the caller falls back to the small built-in catalog.
set -u

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor_dir="$repo_root/.marquee/vendor/dslabs"
data_rel="usr/lib/R/site-library/dslabs/data"
system_data="/usr/lib/R/site-library/dslabs/data"
fallback="the demo falls back to the small built-in catalog"

if [ -f "$vendor_dir/$data_rel/Rdata.rdx" ]; then
  echo "movielens: already present in $vendor_dir/$data_rel"
  exit 0
fi
if [ -f "$system_data/Rdata.rdx" ] && [ -f "$system_data/Rdata.rdb" ]; then
  echo "movielens: using the installed R package at $system_data"
  exit 0
fi
for tool in apt-get dpkg-deb; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "movielens: $tool is not available, so $fallback."
    exit 0
  fi
done

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT
# apt drops to the _apt user for downloads; let it write here so it needs no unsandboxed fallback.
chmod 0777 "$work_dir"
log="$work_dir/apt.log"

download() {
  (cd "$work_dir" && apt-get download -q r-cran-dslabs) >>"$log" 2>&1
}

if ! download; then
  # The usual cause on a fresh machine is missing package lists: refresh them once, then retry.
  if [ "$(id -u)" -ne 0 ]; then
    echo "movielens: could not download r-cran-dslabs (package lists may be missing and refreshing them needs root), so $fallback."
    exit 0
  fi
  if ! apt-get update -q >>"$log" 2>&1 || ! download; then
    echo "movielens: could not download r-cran-dslabs (offline or unavailable; see 'apt-get download r-cran-dslabs'), so $fallback."
    exit 0
  fi
fi

deb="$(ls "$work_dir"/r-cran-dslabs_*.deb 2>/dev/null | head -n 1)"
mkdir -p "$vendor_dir"
if [ -z "$deb" ] || ! dpkg-deb -x "$deb" "$vendor_dir" >>"$log" 2>&1 || [ ! -f "$vendor_dir/$data_rel/Rdata.rdx" ]; then
  echo "movielens: the r-cran-dslabs package could not be unpacked, so $fallback."
  exit 0
fi
echo "movielens: downloaded $(basename "$deb") and unpacked it into $vendor_dir"
