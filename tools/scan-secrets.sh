#!/bin/bash
# Looks for disk keys in everything a test run printed or logged.
#
# Usage: tools/scan-secrets.sh KEYS_FILE PATH...
#   KEYS_FILE  one key a line: the keys of the run's throwaway test disks, which the end-to-end
#              tests read as root from libvirt's stores (distro/target/secret-scan/keys)
#   PATH       files and directories to search (the build's output, test reports, logs)
# Prints the files that contain a key, never the key; exits 1 when there is one.
set -euo pipefail

keys=${1:?usage: tools/scan-secrets.sh KEYS_FILE PATH...}
shift
if [[ ! -s $keys ]]; then
    echo "secret scan: no keys recorded in $keys (the end-to-end tests did not run): nothing to look for"
    exit 0
fi
paths=()
for p in "$@"; do [[ -e $p ]] && paths+=("$p"); done
count=$(grep -c . "$keys")
found=0
while IFS= read -r key; do
    [[ -n $key ]] || continue
    while IFS= read -r file; do
        [[ $file -ef $keys ]] && continue
        echo "FAIL: a disk key appears in $file" >&2
        found=1
    done < <(grep -rlF -- "$key" "${paths[@]}" 2>/dev/null || true)
done <"$keys"
if ((found)); then
    exit 1
fi
echo "secret scan: none of the run's $count disk keys appears in its output or logs"
