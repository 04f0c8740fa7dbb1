#!/usr/bin/env bash
# Crash-safety figures (issue 17): runs FaultInjectionE2EIT — each of vm:create, disk:add,
# vm:delete, vm:export, vm:import and profile:install killed after each of its steps, then the
# platform started again and repaired; qemu-img and vm:export on a full file system — and writes
# the table to docs/reliability.md. About four minutes; it creates and removes VMs named it-fi-*
# and it-full-* on the system libvirt and mounts two small loop file systems under distro/target.
# ./test runs the same test (a leftover or a loss fails it) but writes nothing into docs/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

tools/host-setup.sh --test
exec mvn -B verify -pl distro -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultInjectionE2EIT \
    -Dit.reliability.doc="$root/docs/reliability.md" "$@"
