#!/usr/bin/env bash
# Installs what the real-editor tests need, outside the repository:
#   - Debian packages: chromium (the browser playwright-core drives), ripgrep
#     (code-server's search), libkrb5-dev (headers for its kerberos module), unzip;
#   - code-server 4.100.3 (Code 1.100.3; newer releases want Node 24) under
#     $SOURCE_CHECK_E2E_DIR (default /opt/source-check-e2e), following the recipe in
#     shared/notes/real-editors.md: a plain `npm i code-server` fails as root on the
#     kerberos headers and on ripgrep's download, so scripts are skipped and the
#     native modules rebuilt by hand.
# Idempotent: a finished install leaves a stamp and is not redone.
# Prints the code-server entry point on its last line.
set -euo pipefail

VERSION=4.100.3
DIR=${SOURCE_CHECK_E2E_DIR:-/opt/source-check-e2e}
CS=$DIR/node_modules/code-server
STAMP=$DIR/.installed-$VERSION
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

need_apt=()
for pkg in chromium ripgrep libkrb5-dev unzip; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "apt-get install ${need_apt[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ -f "$STAMP" ] && [ -f "$CS/out/node/entry.js" ]; then
  echo "code-server $VERSION already installed in $DIR"
  echo "$CS/out/node/entry.js"
  exit 0
fi

echo "installing code-server $VERSION into $DIR"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
printf '{ "name": "source-check-e2e", "private": true }\n' > package.json
npm i --ignore-scripts --no-save --loglevel=error "code-server@$VERSION"
npm rebuild argon2 --loglevel=error

cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts --loglevel=error
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid --loglevel=error
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
ln -sf code-linux.sh bin/remote-cli/code-server
ln -sf browser-linux.sh bin/helpers/browser.sh

cd "$CS/lib/vscode/extensions"
npm install --omit=dev --ignore-scripts --loglevel=error
node ./postinstall.mjs >/dev/null

touch "$STAMP"
echo "code-server $VERSION installed in $DIR ($(du -sh "$DIR" | cut -f1))"
echo "$CS/out/node/entry.js"
