#!/usr/bin/env bash
# The install test: installs into a temporary prefix with scripts/install.sh, removes the build
# output it installed from, hides the source tree (and with it .build/) in a private mount
# namespace when `unshare` allows one, and runs the installed program as a user would: the demo
# list, `themes`, `--version`, the man page through `man -l`, and each completion script loaded in
# its own shell. A shell that is not installed (zsh and fish are not in the base image; .ci/run
# installs them) is skipped with a message; anything else that fails fails the test.
#
#   scripts/test-install.sh                   builds release, then tests
#   TIDINGS_BUILT=.build/release scripts/test-install.sh   reuses a release build (and its man page)
set -euo pipefail

if [ "${1:-}" = --check ]; then
  # Second stage, possibly inside the namespace: only the installed files are used.
  prefix="$2"
  export PATH="$prefix/bin:/usr/bin:/bin" HOME="$3" XDG_CACHE_HOME="$3/.cache" LANG=C.UTF-8
  unset TIDINGS_STORE TIDINGS_STATE XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME
  fail() { echo "FAIL: $*" >&2; exit 1; }
  [ -n "${4:-}" ] && [ -e "$4/Package.swift" ] && fail "the source tree is still visible at $4"

  version=$(tidings --version) || fail "--version exited $?"
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$version'"
  echo "ok: --version $version"

  list=$(tidings list) || fail "list exited $?"
  grep -q "Apple launches browser-based App Store" <<<"$list" || fail "the demo list lacks a demo article: $list"
  n=$(tidings list --format json | grep -o '"kind" *: *"article"' | wc -l)
  [ "$n" -eq 11 ] || fail "the demo list has $n articles, not 11"
  echo "ok: demo list ($n articles)"

  themes=$(tidings themes) || fail "themes exited $?"
  for t in default light solarized-dark gruvbox-dark high-contrast mono; do
    grep -E "^$t +" <<<"$themes" | grep -q "● Headline" || fail "theme $t missing or broken in: $themes"
    [ -f "$prefix/share/tidings/themes/$t.toml" ] || fail "theme file $t.toml not installed"
  done
  echo "ok: themes"

  page=$(MANPAGER=cat MANWIDTH=100 man -l "$prefix/share/man/man1/tidings.1" 2>/tmp/tidings-man-err.$$) || fail "man -l exited $?"
  for want in NAME SYNOPSIS tidings list show themes --store --version; do
    grep -q -- "$want" <<<"$page" || fail "the man page lacks '$want'"
  done
  if [ -s /tmp/tidings-man-err.$$ ]; then cat /tmp/tidings-man-err.$$ >&2; rm -f /tmp/tidings-man-err.$$; fail "man reported problems"; fi
  rm -f /tmp/tidings-man-err.$$
  echo "ok: man page renders ($(wc -l <<<"$page") lines)"

  # bash: the script defines the completion, and completing "tidings li" offers "list".
  bash_file="$prefix/share/bash-completion/completions/tidings"
  offered=$(bash --norc --noprofile -c '
    source "$1" || exit 1
    spec=$(complete -p tidings) || exit 2
    fn=$(sed -n "s/.*-F \([^ ]*\).*/\1/p" <<<"$spec")
    COMP_WORDS=(tidings li); COMP_CWORD=1; COMP_LINE="tidings li"; COMP_POINT=${#COMP_LINE}
    "$fn" tidings li tidings
    printf "%s\n" "${COMPREPLY[@]}"' bash "$bash_file") || fail "bash could not load $bash_file"
  grep -qx "list" <<<"$offered" || fail "bash completion of 'tidings li' offered: $offered"
  echo "ok: bash completion"

  if command -v zsh >/dev/null; then
    zsh -n "$prefix/share/zsh/site-functions/_tidings" && zsh -f -c 'fpath=("$1" $fpath); autoload -U compinit && compinit -u -D && autoload -U +X _tidings && (( $+functions[_tidings] ))' \
      zsh "$prefix/share/zsh/site-functions" || fail "zsh could not load _tidings"
    echo "ok: zsh completion"
  else
    echo "SKIPPED: zsh is not installed, so its completion script was not loaded (.ci/run installs zsh)"
  fi

  if command -v fish >/dev/null; then
    out=$(fish --no-config -c 'source $argv[1]; and complete -C "tidings li"' "$prefix/share/fish/vendor_completions.d/tidings.fish") \
      || fail "fish could not load the completion"
    grep -q "^list" <<<"$out" || fail "fish completion of 'tidings li' offered: $out"
    echo "ok: fish completion"
  else
    echo "SKIPPED: fish is not installed, so its completion script was not loaded (.ci/run installs fish)"
  fi
  exit 0
fi

cd "$(dirname "$0")/.."
root="$PWD"
work=$(mktemp -d "${TMPDIR:-/tmp}/tidings-install-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "${TIDINGS_BUILT:-}" ]; then
  swift build -c release
  TIDINGS_BUILT="$(swift build -c release --show-bin-path)"
fi
man_out=.build/plugins/GenerateManual/outputs/tidings
[ -f "$man_out/tidings.1" ] || swift package generate-manual --configuration release >/dev/null

# A copy of the build output, installed from and then removed.
mkdir -p "$work/built" "$work/man" "$work/home"
cp "$TIDINGS_BUILT/tidings" "$work/built/"
cp "$man_out"/*.1 "$work/man/"
TIDINGS_BUILT="$work/built" TIDINGS_MAN="$work/man" scripts/install.sh "$work/prefix"
rm -rf "$work/built" "$work/man"
cp "$0" "$work/check.sh"

if unshare -rm true 2>/dev/null; then
  echo "running the installed program with $root hidden"
  unshare -rm bash -c 'mount -t tmpfs none "$1" && shift && exec bash "$@"' \
    bash "$root" "$work/check.sh" --check "$work/prefix" "$work/home" "$root"
else
  echo "note: unshare cannot make a mount namespace here, so the source tree stays visible"
  bash "$work/check.sh" --check "$work/prefix" "$work/home"
fi
echo "install test passed"
