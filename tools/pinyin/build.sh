#!/bin/sh
# Rebuilds assets/pinyin/ (the hanzi→pinyin table that search uses) from
# the npm package pinyin-pro, fetched with npm into a temporary folder at
# build time only; the app never fetches it. Needs node and npm.
set -eu
VERSION=3.29.4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "pinyin-pro@$VERSION" >/dev/null && tar xzf "pinyin-pro-$VERSION.tgz")
node "$here/gen.js" "$tmp/package" "$root/assets/data" "$root/assets/pinyin"
cp "$tmp/package/LICENSE" "$root/assets/pinyin/LICENSE-pinyin-pro.txt"
