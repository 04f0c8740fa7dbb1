#!/bin/bash
# Finds what the end-to-end tests left on this host: domains of the system daemon named it-*
# whose files lie in the tests' state directories, the daemon's disk keys and storage pools of
# those directories, and file systems mounted below them. Nothing else on the host is touched.
#
# Usage: tools/test-leftovers.sh [--clean] [WORK_DIR]
#   --clean   remove what it finds (./test does this before a run, reporting what an earlier
#             run left)
#   WORK_DIR  the tests' working directory (default: distro/target/it beside this script)
# Prints one line per leftover; exits 1 when it found any and did not remove them.
set -euo pipefail

clean=0
[[ ${1:-} == --clean ]] && { clean=1; shift; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-$root/distro/target/it}
uri=qemu:///system
virsh=(virsh -q -c "$uri")

found=0
# leftover KIND NAME REMOVE...: reports one leftover and, with --clean, removes it
leftover() {
    local kind=$1 name=$2
    shift 2
    found=$((found + 1))
    if ((clean)); then
        "$@" >/dev/null 2>&1 || true
        echo "leftover of an earlier test run removed: $kind $name"
    else
        echo "left behind by the tests: $kind $name"
    fi
}

if "${virsh[@]}" version >/dev/null 2>&1; then
    # the daemon's lists are captured first: with pipefail, `virsh | while` hides virsh's failure
    domains=$("${virsh[@]}" list --all --name)
    for domain in $domains; do
        [[ $domain == it-* ]] || continue
        xml=$("${virsh[@]}" dumpxml --inactive "$domain" 2>/dev/null) || continue
        [[ $xml == *"$work/"* ]] || continue
        leftover domain "$domain" bash -c "${virsh[*]} destroy '$domain'; ${virsh[*]} undefine --nvram --tpm --managed-save '$domain'"
    done
    secrets=$("${virsh[@]}" secret-list)
    while read -r uuid usage path; do
        [[ $usage == volume && $path == "$work"/* ]] || continue
        leftover "disk key of" "$path" "${virsh[@]}" secret-undefine "$uuid"
    done <<<"$secrets"
    pools=$("${virsh[@]}" pool-list --all --name)
    for pool in $pools; do
        target=$("${virsh[@]}" pool-dumpxml "$pool" 2>/dev/null | sed -n 's|.*<path>\(.*\)</path>.*|\1|p' | head -n 1)
        [[ $pool == it-* || $target == "$work"/* ]] || continue
        # the platform's transient pool of a state directory that is still there is no leftover
        # until the next run makes that directory anew
        ((clean)) || [[ ! -d $target ]] || continue
        leftover "storage pool" "$pool ($target)" bash -c "${virsh[*]} pool-destroy '$pool'; ${virsh[*]} pool-undefine '$pool'"
    done
fi
# file systems the tests mounted (e.g. a small one that fills up), innermost first
mounts=$(awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r)
for mount in $mounts; do
    leftover "mounted file system" "$mount" umount -l "$mount"
done

((clean || found == 0))
