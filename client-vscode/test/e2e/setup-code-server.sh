#!/usr/bin/env bash
# Install the real VS Code (code-server, from the npm registry) for the end-to-end test, once.
# Pitfalls handled here: code-server needs Node 24 (the `node` npm package provides it, with
# headers for native modules); its install script must not run as-is (it needs the network
# beyond the registry), so it is installed with --ignore-scripts and its native modules are
# rebuilt against Node 24's headers.
# Needs (Debian): build-essential python3 libkrb5-dev. Prints the folder it installed into.
set -euo pipefail
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
HOME_DIR="${MENTOR_E2E_HOME:-$HOME/.cache/mentor-e2e}/code-server-$CODE_SERVER_VERSION"
done_marker="$HOME_DIR/.installed"
if [[ -f "$done_marker" ]]; then echo "$HOME_DIR"; exit 0; fi

mkdir -p "$HOME_DIR/node24" "$HOME_DIR/cs"
log="$HOME_DIR/install.log"
{
  cd "$HOME_DIR/node24"
  [[ -f package.json ]] || npm init -y >/dev/null
  npm install --no-audit --no-fund --foreground-scripts node@24
  node24_bin="$HOME_DIR/node24/node_modules/node/bin"
  headers="$(dirname "$(find "$HOME_DIR/node24/node_modules" -path '*include/node/node_api.h' | head -n1)")"
  export PATH="$node24_bin:$PATH" npm_config_nodedir="${headers%/include/node}"
  node --version

  cd "$HOME_DIR/cs"
  [[ -f package.json ]] || npm init -y >/dev/null
  npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION"
  vscode="$HOME_DIR/cs/node_modules/code-server/lib/vscode"
  (cd "$vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
  (cd "$vscode" && npm rebuild kerberos @vscode/spdlog @vscode/sqlite3 @vscode/native-watchdog \
     @vscode/deviceid @vscode/fs-copyfile node-pty @parcel/watcher)
  (cd "$vscode/extensions" && npm install --omit=dev --no-audit --no-fund)
  ln -sf code-linux.sh "$vscode/bin/remote-cli/code-server"
  ln -sf browser-linux.sh "$vscode/bin/helpers/browser.sh"
} >"$log" 2>&1 || { echo "code-server install failed; see $log" >&2; tail -n 30 "$log" >&2; exit 1; }
touch "$done_marker"
echo "$HOME_DIR"
