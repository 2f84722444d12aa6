#!/usr/bin/env bash
# Installs Tidings under PREFIX (default ~/.local):
#
#   scripts/install.sh [PREFIX]          e.g. scripts/install.sh ~/.local, scripts/install.sh /usr/local
#
#   PREFIX/bin/tidings                               the release binary, stripped
#   PREFIX/share/man/man1/tidings*.1                 man pages, generated from the argument definitions
#   PREFIX/share/bash-completion/completions/tidings bash completion
#   PREFIX/share/zsh/site-functions/_tidings         zsh completion
#   PREFIX/share/fish/vendor_completions.d/tidings.fish  fish completion
#   PREFIX/share/tidings/themes/*.toml               the shipped themes, to copy and edit
#
# DESTDIR is put in front of every path (for packagers). TIDINGS_BUILT=DIR uses release binaries
# already built there (CI builds once and reuses them) instead of building.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${1:-${PREFIX:-$HOME/.local}}"
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
dest="${DESTDIR:-}$prefix"

if [ -n "${TIDINGS_BUILT:-}" ]; then
  bin="$TIDINGS_BUILT"
else
  # Everything in release (the man page plugin builds every product anyway), then the man pages.
  swift build -c release
  bin="$(swift build -c release --show-bin-path)"
fi
[ -x "$bin/tidings" ] || { echo "no tidings binary in $bin" >&2; exit 1; }

# Man pages: swift-argument-parser's generate-manual plugin, from the same definitions the
# program parses with.
man_out=".build/plugins/GenerateManual/outputs/tidings"
if [ -z "${TIDINGS_MAN:-}" ]; then
  rm -rf "$man_out"
  swift package generate-manual --configuration release >/dev/null
else
  man_out="$TIDINGS_MAN"
fi
ls "$man_out"/*.1 >/dev/null 2>&1 || { echo "no man pages in $man_out" >&2; exit 1; }

install -d "$dest/bin" "$dest/share/man/man1" "$dest/share/bash-completion/completions" \
  "$dest/share/zsh/site-functions" "$dest/share/fish/vendor_completions.d" "$dest/share/tidings/themes"
install -m 755 -s "$bin/tidings" "$dest/bin/tidings"
install -m 644 "$man_out"/*.1 "$dest/share/man/man1/"
# Completions come from the installed program itself, so they match its arguments.
"$dest/bin/tidings" --generate-completion-script bash > "$dest/share/bash-completion/completions/tidings"
"$dest/bin/tidings" --generate-completion-script zsh > "$dest/share/zsh/site-functions/_tidings"
"$dest/bin/tidings" --generate-completion-script fish > "$dest/share/fish/vendor_completions.d/tidings.fish"
install -m 644 Themes/*.toml "$dest/share/tidings/themes/"

echo "installed tidings $("$dest/bin/tidings" --version) in $prefix"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on PATH" ;; esac
