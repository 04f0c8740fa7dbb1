#!/usr/bin/env bash
# Builds the checked-out commit twice, each in its own fresh clone (different directories, time
# zones and umasks, offline: `mvn -o package -DskipTests`), and compares what the builds make byte
# for byte: distro/target/*.jar, every bundle jar and the profile repository. Prints the SHA-256
# of phyllome.jar; on a difference, the files and the entries in them that differ, and exits 1.
#
# Usage: tools/reproducible-build.sh [REPO]   (default: the repository this script is in)
# Needs the Maven repository filled by an earlier build (./test runs `mvn verify` first).
set -euo pipefail

root=$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)
commit=$(git -C "$root" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() { # build NAME TZ UMASK
    local dir=$work/$1
    git clone -q --no-checkout "$root" "$dir"
    git -C "$dir" checkout -q --detach "$commit"
    if ! (cd "$dir" && umask "$3" && TZ=$2 mvn -B -o -q package -DskipTests) >"$work/$1.log" 2>&1; then
        tail -n 30 "$work/$1.log" >&2
        echo "reproducible-build: the build in $dir failed" >&2
        exit 1
    fi
}

started=$SECONDS
build first UTC 022
build second Pacific/Kiritimati 002

status=0
count=0
while IFS= read -r file; do
    count=$((count + 1))
    if ! cmp -s "$work/first/$file" "$work/second/$file"; then
        status=1
        echo "differs: $file"
        case $file in
            *.jar) java "$root/tools/JarDiff.java" "$work/first/$file" "$work/second/$file" | sed 's/^/  /' || true ;;
        esac
    fi
    [[ -f $work/second/$file ]] || { status=1; echo "missing in the second build: $file"; }
done < <(cd "$work/first" && find . -path ./.git -prune -o -type f -path '*/target/*' \
    \( -name '*.jar' -o -path '*/profile-repository/*' \) ! -path '*/target/test-guest/*' -print | sed 's|^\./||' | sort)

echo "phyllome.jar of $commit: $(sha256sum "$work/first/distro/target/phyllome.jar" | cut -d' ' -f1)"
if [[ $status -eq 0 ]]; then
    echo "reproducible: two builds gave $count identical files ($((SECONDS - started)) s)"
fi
exit $status
