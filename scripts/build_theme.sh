#!/usr/bin/env bash
# Rebuild the theme's CSS and fonts (src/torino/socialplan/theme/static/) from
# the npm packages pinned in package-lock.json. `make theme` runs it; the
# result is committed, so running the site needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
THEME=src/torino/socialplan/theme
FONTS=node_modules/@fontsource/titillium-web/files
node_modules/.bin/sass --no-source-map --style=compressed \
    --load-path=node_modules --quiet-deps \
    --silence-deprecation=import --silence-deprecation=global-builtin \
    --silence-deprecation=color-functions \
    "$THEME/scss/theme.scss" "$THEME/static/css/theme.min.css"
mkdir -p "$THEME/static/fonts"
for file in latin-400-normal latin-400-italic latin-600-normal latin-700-normal; do
    cp "$FONTS/titillium-web-$file.woff2" "$THEME/static/fonts/"
done
cp node_modules/@fontsource/titillium-web/LICENSE "$THEME/static/fonts/OFL.txt"
echo "theme built: $THEME/static/css/theme.min.css"
