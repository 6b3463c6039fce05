#!/usr/bin/env bash
# Smoke test of the jpackage app image, from an empty user profile:
#   1. builds the app image, or reuses it when it is up to date (bash packaging/build.sh --app-image-only; options
#      given to this script, e.g. --rebuild or --no-rebuild, are passed on to build.sh)
#   2. `EgoLens info` and `EgoLens demo-data --out DIR --train 12 --test 6 --mirror-pairs 2` through the native launcher
#      (exit codes, output, files), with no network when `unshare -n` is allowed
#   3. starts the GUI (no arguments) under X: DISPLAY if it works, else a private Xvfb; measures the cold start to the
#      first visible "EgoLens <version>" window, checks the process is still alive after ~8 s, then stops it
# Exits non-zero with a message naming the failed check.
set -euo pipefail
cd "$(dirname "$0")/.."

GUI_SECONDS=${EGOLENS_SMOKE_GUI_SECONDS:-8}
WINDOW_TIMEOUT=${EGOLENS_SMOKE_WINDOW_TIMEOUT:-90}
NAME=EgoLens
LAUNCHER=packaging/target/app-image/$NAME/bin/$NAME

t_start=$SECONDS
say() { printf '[smoke] %s\n' "$*"; }
fail() { printf '[smoke] FAIL: %s\n' "$*" >&2; exit 1; }

apt_install() {
  [ $# -gt 0 ] || return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "missing Debian packages: $* (install them: sudo apt-get install $*)"
    sudo=(sudo)
  fi
  say "installing Debian packages: $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- 1. the app image ----------------------------------------------------------------------------------------------
bash packaging/build.sh --app-image-only "$@" || fail "packaging/build.sh --app-image-only $* failed"
[ -x "$LAUNCHER" ] || fail "no launcher at $LAUNCHER"
LAUNCHER=$(readlink -f "$LAUNCHER")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/egolens-smoke.XXXXXX")
gui_pid=""
xvfb_pid=""
cleanup() {
  if [ -n "$gui_pid" ] && kill -0 "$gui_pid" 2>/dev/null; then kill -9 "$gui_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# An empty profile: HOME, the XDG folders and Java's user.home all point into $tmp (Java takes user.home from the
# password database, not from HOME, hence JAVA_TOOL_OPTIONS), and the caches that could be set elsewhere are unset.
profile() { # profile DIR: prints nothing, sets up the environment for one run in the array `envs`
  mkdir -p "$1"
  envs=(env -u DJL_CACHE_DIR -u ENGINE_CACHE_DIR -u EGOLENS_CLIP_VOCAB -u JAVA_OPTIONS -u _JAVA_OPTIONS -u JDK_JAVA_OPTIONS
    HOME="$1" XDG_CONFIG_HOME="$1/.config" XDG_CACHE_HOME="$1/.cache" XDG_DATA_HOME="$1/.local/share"
    JAVA_TOOL_OPTIONS="-Duser.home=$1")
}

# Run the CLI without network where the kernel lets us (proves nothing is downloaded).
nonet=()
if command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
  nonet=(unshare -n)
  say "CLI checks run without network (unshare -n)"
else
  say "unshare -n is not allowed here; the CLI checks rely on -Dai.djl.offline=true alone"
fi

# --- 2. CLI through the launcher -----------------------------------------------------------------------------------
home_cli=$tmp/home-cli
profile "$home_cli"
say "EgoLens info"
t=$SECONDS
set +e
"${nonet[@]}" "${envs[@]}" "$LAUNCHER" info >"$tmp/info.out" 2>"$tmp/info.err"
rc=$?
set -e
cat "$tmp/info.out"
[ "$rc" = 0 ] || { cat "$tmp/info.err" >&2; fail "'EgoLens info' exited with $rc"; }
grep -q '^Engine: *PyTorch' "$tmp/info.out" || { cat "$tmp/info.err" >&2; fail "'EgoLens info' shows no PyTorch engine"; }
grep -q '^DJL: ' "$tmp/info.out" || fail "'EgoLens info' printed no DJL version"
grep -q "^DJL cache: *$home_cli/" "$tmp/info.out" || fail "DJL did not use the empty profile's cache ($home_cli)"
[ -d "$home_cli/.djl.ai/pytorch" ] || fail "the PyTorch natives were not unpacked from the jar into $home_cli/.djl.ai"
say "info OK in $((SECONDS - t)) s (PyTorch natives unpacked from the bundled jar: $(du -sm "$home_cli/.djl.ai" | cut -f1) MB)"

say "EgoLens demo-data --out DIR --train 12 --test 6 --mirror-pairs 2"
t=$SECONDS
demo=$tmp/demo
set +e
"${nonet[@]}" "${envs[@]}" "$LAUNCHER" demo-data --out "$demo" --train 12 --test 6 --mirror-pairs 2 \
  >"$tmp/demo.out" 2>"$tmp/demo.err"
rc=$?
set -e
[ "$rc" = 0 ] || { cat "$tmp/demo.out" "$tmp/demo.err" >&2; fail "'EgoLens demo-data' exited with $rc"; }
grep -q '^demo workspace written to ' "$tmp/demo.out" || { cat "$tmp/demo.out" >&2; fail "'EgoLens demo-data' did not report the workspace"; }
[ -f "$demo/DONE" ] && [ -f "$demo/dataset.json" ] || fail "demo-data wrote no DONE marker / dataset.json in $demo"
ncsv=$(find "$demo/retrieval_annotations" -name '*.csv' 2>/dev/null | wc -l)
nmp4=$(find "$demo/videos" -name '*.mp4' -size +0 2>/dev/null | wc -l)
[ "$ncsv" -ge 2 ] || fail "demo-data wrote $ncsv retrieval CSVs (expected at least 2)"
[ "$nmp4" -ge 1 ] || fail "demo-data wrote no mp4 videos (FFmpeg natives from the jar?)"
say "demo-data OK in $((SECONDS - t)) s ($nmp4 videos, $ncsv CSVs)"

# --- 3. GUI --------------------------------------------------------------------------------------------------------
x_ok() { DISPLAY="$1" xwininfo -root >/dev/null 2>&1; }
need=()
command -v xwininfo >/dev/null 2>&1 || need+=(x11-utils)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || dpkg -s libgtk-3-0t64 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ -z "${DISPLAY:-}" ]; then command -v Xvfb >/dev/null 2>&1 || need+=(xvfb); fi
apt_install "${need[@]}"
if [ -z "${DISPLAY:-}" ] || ! x_ok "$DISPLAY"; then
  command -v Xvfb >/dev/null 2>&1 || apt_install xvfb
  display=":$((200 + RANDOM % 50))"
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 1 100); do x_ok "$display" && break; sleep 0.1; done
  x_ok "$display" || { cat "$tmp/xvfb.log" >&2; fail "could not start Xvfb on $display"; }
  export DISPLAY=$display
  say "started Xvfb on $DISPLAY"
fi

home_gui=$tmp/home-gui
profile "$home_gui"
say "starting the GUI (first start, empty profile) on DISPLAY=$DISPLAY"
t0=$(date +%s%N)
"${envs[@]}" "$LAUNCHER" >"$tmp/gui.log" 2>&1 &
gui_pid=$!
# The first window: a viewable top-level window titled "EgoLens <version>" (GTK's own 10x10 leader window is
# only named "EgoLens").
win=""
deadline=$((SECONDS + WINDOW_TIMEOUT))
while [ $SECONDS -lt $deadline ]; do
  kill -0 "$gui_pid" 2>/dev/null || { cat "$tmp/gui.log" >&2; fail "the GUI exited before showing a window"; }
  id=$(xwininfo -root -tree 2>/dev/null | sed -n 's/^ *\(0x[0-9a-f]*\) "EgoLens [0-9][^"]*".*/\1/p' | head -n 1)
  if [ -n "$id" ] && xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then win=$id; break; fi
  sleep 0.05
done
t1=$(date +%s%N)
[ -n "$win" ] || { cat "$tmp/gui.log" >&2; fail "no EgoLens window within $WINDOW_TIMEOUT s"; }
cold_ms=$(( (t1 - t0) / 1000000 ))
title=$(xwininfo -id "$win" | sed -n 's/^xwininfo: Window id: [^ ]* "\(.*\)"$/\1/p')
geom=$(xwininfo -id "$win" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')
say "first window \"$title\" ($geom) after $(awk -v m="$cold_ms" 'BEGIN { printf "%.2f", m / 1000 }') s"

sleep "$GUI_SECONDS"
kill -0 "$gui_pid" 2>/dev/null || { cat "$tmp/gui.log" >&2; fail "the GUI died within $GUI_SECONDS s of showing its window"; }
if grep -nE 'Exception in thread|^[A-Za-z.]*(Exception|Error)(: |$)|SIGSEGV|hs_err_pid' "$tmp/gui.log" >&2; then
  cat "$tmp/gui.log" >&2
  fail "the GUI logged an uncaught exception or crash"
fi
# first start generates the demo workspace into the (empty) EgoLens home
[ -e "$home_gui/.egolens/demo-workspace" ] || [ -e "$home_gui/.egolens/.demo-workspace.partial" ] \
  || { cat "$tmp/gui.log" >&2; fail "the first start did not begin generating the demo workspace in $home_gui/.egolens"; }
say "GUI alive after $GUI_SECONDS s and generating the demo workspace; stopping it"
kill "$gui_pid" 2>/dev/null || true
for _ in $(seq 1 50); do kill -0 "$gui_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$gui_pid" 2>/dev/null; then kill -9 "$gui_pid" 2>/dev/null || true; fi
wait "$gui_pid" 2>/dev/null || true
gui_pid=""

say "PASSED in $((SECONDS - t_start)) s: info, demo-data, GUI cold start to first window $(awk -v m="$cold_ms" 'BEGIN { printf "%.2f", m / 1000 }') s"
