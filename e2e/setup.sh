#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end tests need, idempotently, into e2e/.tools (git-ignored):
# Debian chromium + ripgrep (apt, when missing), code-server (pinned, from npm) with the native modules it needs
# rebuilt against this machine's Node headers. Fails loudly with the reason when something cannot be installed.
# `--chromium-only` stops once chromium is there (test/web/run.mjs needs the browser, not code-server).
set -euo pipefail
cd "$(dirname "$0")"
TOOLS="$PWD/.tools"
CODE_SERVER_VERSION=4.100.3
STAMP="$TOOLS/.ready-$CODE_SERVER_VERSION"

die() { echo "e2e setup: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v rg >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "chromium/ripgrep missing and apt-get is not available"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "e2e setup: installing chromium and ripgrep with apt" >&2
  $SUDO apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium ripgrep build-essential python3 pkg-config >/dev/null \
    || die "apt-get install chromium ripgrep failed"
fi
command -v chromium >/dev/null 2>&1 || die "chromium is still missing after apt-get install"
if [ "${1:-}" = "--chromium-only" ]; then exit 0; fi

VS="$TOOLS/node_modules/code-server/lib/vscode"
# The stamp alone is not enough: an `npm install` run by hand in .tools re-extracts code-server without the packages
# of lib/vscode and the native modules built below. Every artefact the server loads must be there.
ready() {
  [ -f "$STAMP" ] && [ -f "$TOOLS/node_modules/code-server/out/node/entry.js" ] \
    && [ -d "$VS/node_modules" ] \
    && compgen -G "$VS/node_modules/@vscode/spdlog/build/Release/*.node" >/dev/null \
    && compgen -G "$VS/node_modules/native-watchdog/build/Release/*.node" >/dev/null \
    && compgen -G "$TOOLS/node_modules/argon2/lib/binding/*/argon2.node" >/dev/null
}
if ready; then exit 0; fi
[ -f "$STAMP" ] && echo "e2e setup: $STAMP exists but code-server is incomplete: installing again" >&2
rm -f "$STAMP"

mkdir -p "$TOOLS"
cd "$TOOLS"
[ -f package.json ] || echo '{"name":"netcfg-e2e-tools","private":true}' > package.json
export npm_config_yes=true npm_config_nodedir="${npm_config_nodedir:-/usr}"
echo "e2e setup: installing code-server $CODE_SERVER_VERSION (npm)" >&2
npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" >/dev/null 2>&1 || die "npm install code-server failed"
[ -d "$VS" ] || die "code-server has no lib/vscode folder"
(cd "$VS" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null 2>&1) || die "npm install in code-server/lib/vscode failed"
for p in @vscode/spdlog native-watchdog; do
  (cd "$VS/node_modules/$p" && npx node-gyp rebuild >/dev/null 2>&1) || die "node-gyp rebuild of $p failed"
done
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
npm rebuild argon2 >/dev/null 2>&1 || die "npm rebuild argon2 failed"
touch "$STAMP"
ready || die "code-server installed but some native module is missing"
echo "e2e setup: ready" >&2
