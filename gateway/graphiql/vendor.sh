#!/usr/bin/env bash
# Copies the GraphiQL, React and explorer-plugin builds pinned in package-lock.json into
# gateway/static/graphiql/, which roster serves itself: admins' networks have no CDN.
# Run it after changing a version in package.json (then `npm install --package-lock-only`),
# and commit the result; roster never needs npm at run time.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/../static/graphiql"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cp "$HERE/package.json" "$HERE/package-lock.json" "$HERE/.npmrc" "$WORK/"
(cd "$WORK" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
MODULES="$WORK/node_modules"

# file in the page  <-  file in node_modules
ASSETS=(
    "react.production.min.js:react/umd/react.production.min.js"
    "react-dom.production.min.js:react-dom/umd/react-dom.production.min.js"
    "graphiql.min.js:graphiql/graphiql.min.js"
    "graphiql.min.css:graphiql/graphiql.min.css"
    "plugin-explorer.umd.js:@graphiql/plugin-explorer/dist/index.umd.js"
    "plugin-explorer.css:@graphiql/plugin-explorer/dist/style.css"
)
# Packages whose code ends up in the files above; graphiql-explorer is bundled
# into the plugin's UMD build.
PACKAGES=(
    react
    react-dom
    graphiql
    @graphiql/plugin-explorer
    @graphiql/plugin-explorer/node_modules/graphiql-explorer
)

rm -rf "$TARGET"
mkdir -p "$TARGET"

for asset in "${ASSETS[@]}"; do
    cp "$MODULES/${asset#*:}" "$TARGET/${asset%%:*}"
done

package_field() {
    node -e 'const p = require(process.argv[1]); console.log(p[process.argv[2]]);' \
        "$MODULES/$1/package.json" "$2"
}

{
    echo "Third-party files served by roster at /static/graphiql, vendored by"
    echo "gateway/graphiql/vendor.sh from the npm packages pinned in"
    echo "gateway/graphiql/package-lock.json."
    echo
    for asset in "${ASSETS[@]}"; do
        echo "${asset%%:*}  <-  ${asset#*:}"
    done
    echo
    for package in "${PACKAGES[@]}"; do
        name="$(package_field "$package" name)"
        version="$(package_field "$package" version)"
        license="$(package_field "$package" license)"
        license_file="$(find "$MODULES/$package" -maxdepth 1 -iname 'LICENSE*' | head -n 1)"
        if [ -n "$license_file" ]; then
            copy="LICENSE.$(echo "$name" | tr '/@' '-_')"
            cp "$license_file" "$TARGET/$copy"
            echo "$name $version: $license, see $copy"
        else
            echo "$name $version: $license (the package ships no license file)"
        fi
    done
} > "$TARGET/NOTICE"

ls -l "$TARGET"
