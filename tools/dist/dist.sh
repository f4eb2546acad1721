#!/usr/bin/env bash
# Builds a face3d distribution for one platform: dist/face3d-PLATFORM/ (face3d.jar, lib/ with that platform's
# native libraries, both launchers, README, CONVENTIONS.md, examples) and dist/face3d-PLATFORM.zip.
#   tools/dist/dist.sh [linux-x86_64|macosx-arm64|macosx-x86_64|windows-x86_64]   (default: linux-x86_64)
# The build for another platform goes to target-PLATFORM in each module, so the host's own build stays; the first
# build for a platform downloads its native jars from Maven Central. On the target machine: a JDK 17+, then
# `face3d setup` (or face3d.cmd setup) and any command; model assets are fetched there as on a checkout.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
platform="${1:-linux-x86_64}"
case "$platform" in
  linux-x86_64|macosx-arm64|macosx-x86_64|windows-x86_64) ;;
  *) echo "dist: unknown platform '$platform': give linux-x86_64, macosx-arm64, macosx-x86_64 or windows-x86_64" >&2
     exit 2 ;;
esac
command -v mvn >/dev/null || { echo "dist: Maven (mvn) is missing: install it (apt-get install maven)" >&2; exit 2; }
command -v zip >/dev/null || { echo "dist: zip is missing: install it (apt-get install zip)" >&2; exit 2; }
build=(mvn -B -q -f "$root/pom.xml" -DskipTests -Dmaven.javadoc.skip=true -Dface3d.platform="$platform"
       -pl face3d-cli -am package)
if ! "${build[@]}" -o >/dev/null 2>&1; then
  "${build[@]}" >&2 || { echo "dist: the build failed (see the Maven output above)" >&2; exit 1; }
fi
built="$root/face3d-cli/target-$platform"
out="$root/dist/face3d-$platform"
rm -rf "$out" "$out.zip"
mkdir -p "$out"
cp "$built/face3d.jar" "$out/"
cp -r "$built/lib" "$out/lib"
cp "$root/face3d" "$root/face3d.cmd" "$root/README.md" "$root/CONVENTIONS.md" "$out/"
cp -r "$root/examples" "$out/examples"
(cd "$root/dist" && zip -qr "face3d-$platform.zip" "face3d-$platform")
echo "$out.zip"
