#!/usr/bin/env bash
# Builds the EgoLens desktop app with the JDK's jpackage:
#   packaging/target/app-image/EgoLens/   a self-contained app image (bin/EgoLens + a trimmed Java runtime + the jar)
#   packaging/target/egolens_<v>-1_amd64.deb   a Debian/Ubuntu installer made from that image: /opt/egolens, a desktop
#                                          entry with icon, and the `egolens` command (/usr/bin/egolens)
#
# Usage: bash packaging/build.sh [--rebuild | --no-rebuild] [--app-image-only]
#   (default)         run `mvn -q -B -DskipTests package` when app/target/egolens.jar is missing, or older than a pom or
#                     a file under */src/main
#   --rebuild         run it in any case
#   --no-rebuild      package the existing jar as it is (build it only when missing)
#   --app-image-only  skip the .deb (what packaging/smoke-test.sh uses)
#
# Debian packages it needs (installed with apt-get when missing):
#   always:        a JDK 17+ with jmods and jpackage (openjdk-17-jdk-headless), zip (drops other platforms' natives
#                  from the staged jar), binutils (objcopy, used by jlink's --strip-debug on native libraries)
#   to build the jar: maven
#   for the .deb:  fakeroot and dpkg (dpkg-deb); without fakeroot jpackage skips the DEB bundler
# The shaded jar already holds everything native for Linux x86-64 (JavaFX 21 glass/prism, PyTorch 2.7.1 CPU, DJL JNI,
# JavaCV/FFmpeg), so the runtime is a jlink of only the JDK modules the jar uses, and JavaFX comes from the jar's own
# classes on the class path. The launcher runs with -Dai.djl.offline=true: nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

rebuild=0
deb=1
for a in "$@"; do
  case "$a" in
    --rebuild) rebuild=1 ;;
    --no-rebuild) rebuild=-1 ;;
    --app-image-only) deb=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $a (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '[build] %s\n' "$*"; }
die() { printf '[build] ERROR: %s\n' "$*" >&2; exit 1; }

NAME=EgoLens
PKG=egolens
MAIN_CLASS=org.egolens.app.Launcher
JAR=app/target/egolens.jar
OUT=packaging/target
IMAGE_DIR=$OUT/app-image
IMAGE=$IMAGE_DIR/$NAME
DESCRIPTION="Workbench for egocentric video-language research (EVA02-AT)"
# Found with `jdeps --print-module-deps --ignore-missing-deps --multi-release 17 egolens.jar` (run on every build and
# added to these). java.net.http is left out on purpose: only jsoup's optional HTTP client refers to it, and EgoLens
# never downloads anything.
EXTRA_MODULES=java.management
DROP_MODULES=java.net.http

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }

# sources changed after the jar was built: build it again (unless --no-rebuild)
if [ -f "$JAR" ] && [ "$rebuild" = 0 ]; then
  stale=$(find pom.xml ./*/pom.xml ./*/src/main -newer "$JAR" -type f 2>/dev/null | head -n 1 || true)
  if [ -n "$stale" ]; then
    say "$JAR is older than $stale; building it again"
    rebuild=1
  fi
elif [ -f "$JAR" ] && [ "$rebuild" = -1 ]; then
  say "--no-rebuild: packaging $JAR as it is"
fi

# --- system packages ---------------------------------------------------------------------------------------------
apt_install() {
  [ $# -gt 0 ] || return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing Debian packages: $* (install them, e.g. sudo apt-get install $*)"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages: $* (no apt-get here; install them by hand)"
  say "installing Debian packages: $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need=()
command -v zip >/dev/null 2>&1 || need+=(zip)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v objcopy >/dev/null 2>&1 || need+=(binutils)
if [ "$deb" = 1 ]; then
  command -v fakeroot >/dev/null 2>&1 || need+=(fakeroot)
  command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
fi
if { [ "$rebuild" = 1 ] || [ ! -f "$JAR" ]; } && ! command -v mvn >/dev/null 2>&1; then
  need+=(maven)
fi
# the JDK: JAVA_HOME's if it has jpackage, else the one on the PATH
jdk=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
  jdk=$JAVA_HOME
elif command -v jpackage >/dev/null 2>&1; then
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v jpackage)")")")
else
  need+=(openjdk-17-jdk-headless)
fi
apt_install "${need[@]}"
if [ -z "$jdk" ]; then
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v jpackage)")")")
fi
[ -f "$jdk/jmods/java.base.jmod" ] || die "$jdk has no jmods, so jlink cannot make the runtime; use a JDK that ships them (Debian: openjdk-17-jdk-headless)"
JPACKAGE=$jdk/bin/jpackage
JDEPS=$jdk/bin/jdeps
JAVA=$jdk/bin/java
jv=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${jv%%.*}" -ge 17 ] 2>/dev/null || die "jpackage from $jdk is Java $jv; Java 17 or newer is needed"

# --- the application jar ------------------------------------------------------------------------------------------
if [ "$rebuild" = 1 ] || [ ! -f "$JAR" ]; then
  say "building $JAR (mvn -q -B -DskipTests package)"
  t=$SECONDS
  mvn -q -B -DskipTests package
  say "maven build took $((SECONDS - t)) s"
fi
[ -f "$JAR" ] || die "$JAR was not built"

VERSION=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' pom.xml | head -n 1)
APP_VERSION=${VERSION%%-*}              # 0.1.0-SNAPSHOT -> 0.1.0 (jpackage and dpkg want a plain version)
[ -n "$APP_VERSION" ] || die "could not read the version from pom.xml"

# --- app image (skipped when it is up to date) --------------------------------------------------------------------
mkdir -p "$OUT"
jar_id=$(stat -c '%s %Y' "$JAR")
stamp=$(printf '%s\n' "$jar_id" "$APP_VERSION" "$jdk" | cat - packaging/build.sh packaging/MakeIcon.java | sha1sum | cut -c1-40)
if [ -x "$IMAGE/bin/$NAME" ] && [ -f "$OUT/app-image.stamp" ] && [ "$(cat "$OUT/app-image.stamp")" = "$stamp" ]; then
  say "app image is up to date: $IMAGE"
else
  t=$SECONDS
  rm -rf "$OUT/input" "$IMAGE_DIR" "$OUT/app-image.stamp" "$OUT/icon"
  mkdir -p "$OUT/input" "$OUT/icon"
  # Stage a copy (another build may replace the jar meanwhile) ...
  cp "$JAR" "$OUT/input/egolens.jar"
  [ "$(stat -c '%s %Y' "$JAR")" = "$jar_id" ] || die "$JAR changed while it was copied; run again"
  # ... without the natives of other platforms: DJL's JNI for aarch64/macOS/Windows/CUDA, JNA's non-x86-64 builds.
  unzip -Z1 "$OUT/input/egolens.jar" \
    | grep -E '^jnilib/(linux-aarch64|osx-|win-|linux-x86_64/cu)|^com/sun/jna/[^/]+/[^/]*\.(so|a|dll|jnilib|dylib)$' \
    | grep -v '^com/sun/jna/linux-x86-64/' >"$OUT/dropped-natives.txt" || true
  if [ -s "$OUT/dropped-natives.txt" ]; then
    zip -q -d "$OUT/input/egolens.jar" -@ <"$OUT/dropped-natives.txt"
  fi
  say "staged the jar: $(mb "$(stat -c %s "$OUT/input/egolens.jar")") ($(wc -l <"$OUT/dropped-natives.txt") entries for other platforms dropped)"

  # JDK modules: what jdeps finds, plus EXTRA_MODULES, minus DROP_MODULES
  mods=$("$JDEPS" --print-module-deps --ignore-missing-deps --multi-release 17 "$OUT/input/egolens.jar" 2>/dev/null | tail -n 1)
  [[ "$mods" == java.base* ]] || die "jdeps did not print a module list (got: $mods)"
  mods=$(printf '%s\n' ${mods//,/ } ${EXTRA_MODULES//,/ } | grep -vxF -e "${DROP_MODULES//,/$'\n'}" | sort -u | paste -sd, -)
  say "runtime modules: $mods"

  "$JAVA" -Djava.awt.headless=true packaging/MakeIcon.java "$OUT/icon/$NAME.png" 256

  say "jpackage --type app-image"
  "$JPACKAGE" --type app-image --name "$NAME" --app-version "$APP_VERSION" --vendor "$NAME" \
    --description "$DESCRIPTION" \
    --input "$OUT/input" --main-jar egolens.jar --main-class "$MAIN_CLASS" \
    --icon "$OUT/icon/$NAME.png" \
    --add-modules "$mods" \
    --jlink-options "--strip-debug --strip-native-commands --no-man-pages --no-header-files --compress=2" \
    --java-options "-Dai.djl.offline=true" \
    --dest "$IMAGE_DIR"
  [ -x "$IMAGE/bin/$NAME" ] || die "jpackage made no launcher at $IMAGE/bin/$NAME"
  # JDK 17's jlink drops the JDK's default CDS archive; dump it again for the trimmed runtime (12 MB in the image,
  # 2 MB in the .deb; measured 0.5-1 s off the start to the first window). The launcher has no -Xshare option, so it goes in through JAVA_TOOL_OPTIONS; the JVM
  # dumps the archive of JDK classes and exits without running EgoLens. It stays valid when the image is moved.
  JAVA_TOOL_OPTIONS="-Xshare:dump" "$IMAGE/bin/$NAME" >"$OUT/cds-dump.log" 2>&1 \
    || { cat "$OUT/cds-dump.log" >&2; die "the CDS dump of the runtime failed"; }
  [ -f "$IMAGE/lib/runtime/lib/server/classes.jsa" ] || die "the CDS dump wrote no lib/runtime/lib/server/classes.jsa"
  rm -f "$OUT/cds-dump.log"
  rm -rf "$OUT/input"   # the image has its own copy (lib/app/egolens.jar)
  echo "$stamp" >"$OUT/app-image.stamp"
  say "app image built in $((SECONDS - t)) s"
fi

# --- .deb ---------------------------------------------------------------------------------------------------------
deb_file=""
if [ "$deb" = 1 ]; then
  t=$SECONDS
  rm -f "$OUT"/${PKG}_*.deb
  rm -rf "$OUT/deb-temp"
  say "jpackage --type deb"
  # --resource-dir packaging/linux: jpackage's templates, changed: postinst/prerm also link /usr/bin/egolens to the
  # launcher and do not fail where there is no desktop menu; EgoLens.desktop adds StartupWMClass and keywords.
  "$JPACKAGE" --type deb --app-image "$IMAGE" --name "$NAME" --app-version "$APP_VERSION" --vendor "$NAME" \
    --description "$DESCRIPTION" \
    --linux-package-name "$PKG" --linux-app-category science \
    --linux-shortcut --linux-menu-group "Science;ArtificialIntelligence;" \
    --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" \
    --icon "$OUT/icon/$NAME.png" \
    --resource-dir packaging/linux \
    --temp "$OUT/deb-temp" \
    --dest "$OUT"
  rm -rf "$OUT/deb-temp"
  deb_file=$(ls "$OUT"/${PKG}_*.deb 2>/dev/null | head -n 1)
  [ -n "$deb_file" ] || die "jpackage made no .deb in $OUT"
  say ".deb built in $((SECONDS - t)) s"
fi

# --- sizes ---------------------------------------------------------------------------------------------------------
img_bytes=$(du -sb "$IMAGE" | cut -f1)
rt_bytes=$(du -sb "$IMAGE/lib/runtime" | cut -f1)
say "app image:  $IMAGE  $(mb "$img_bytes") (runtime $(mb "$rt_bytes"), jar $(mb "$(stat -c %s "$IMAGE/lib/app/egolens.jar")"))"
say "launcher:   $IMAGE/bin/$NAME"
if [ -n "$deb_file" ]; then
  say "installer:  $deb_file  $(mb "$(stat -c %s "$deb_file")")"
  say "install it: sudo apt install ./$deb_file   (then run: egolens)"
fi
