#!/bin/sh
# setup.sh BUILD_DIR: what the web page's test needs from npm: axe-core, in
# BUILD_DIR/web-tools (tests/web/test_page.py injects its axe.min.js into the
# page and fails without it). The README's test command and .ci/run run it.
set -eu
dir=${1:?usage: tests/web/setup.sh BUILD_DIR}/web-tools
mkdir -p "$dir"
[ -f "$dir/node_modules/axe-core/axe.min.js" ] ||
  npm install --no-audit --no-fund --no-save --prefix "$dir" axe-core@4
