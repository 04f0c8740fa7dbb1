#!/bin/bash
# Prepares a Debian 12 host to build, run and test Phyllome Host.
#
# Usage: tools/host-setup.sh [--runtime | --test] [--daemons] [--no-install]
#   --runtime     packages needed to build and run: JDK 17, Maven, Node/npm (build only), libvirt,
#                 QEMU, OVMF, swtpm
#   --test        (default) everything: --runtime + virtinst, busybox-static, cpio,
#                 libxml2-utils, chromium, ... and implies --daemons
#   --daemons     start virtlogd and libvirtd when they are not running (no systemd needed),
#                 wait for qemu:///system to answer, start the 'default' network if defined
#   --no-install  do not install packages (only the host's devices and directories, and the
#                 daemons part)
# Always: /dev/kvm and /run/libvirt as udev and libvirtd leave them on a Debian host (one
# without udev or systemd lacks that, and libvirt then re-probes QEMU or locks swtpm out).
#
# Idempotent and quiet: prints one line per action it takes, nothing otherwise.
# Runs as root, or uses sudo when not root.
set -euo pipefail

MODE=test
DAEMONS=0
INSTALL=1
for a in "$@"; do
    case "$a" in
        --runtime) MODE=runtime ;;
        --test) MODE=test ;;
        --daemons) DAEMONS=1 ;;
        --no-install) INSTALL=0 ;;
        -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "host-setup: unknown argument: $a (see --help)" >&2; exit 2 ;;
    esac
done
[ "$MODE" = test ] && DAEMONS=1

# Messages go to stderr: ./phyllome runs this before a command whose output scripts read.
say() { echo "host-setup: $*" >&2; }
die() { echo "host-setup: error: $*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and sudo is not installed"
    SUDO=(sudo)
fi
export PATH="$PATH:/usr/sbin:/sbin"

RUNTIME_PKGS=(
    openjdk-17-jdk-headless maven
    libvirt-daemon-system libvirt-clients
    qemu-system-x86 qemu-utils ovmf swtpm swtpm-tools
    # Recommended by libvirt, needed for the NAT 'default' network.
    dnsmasq-base iproute2
    # the web console's front-end packages come from npm at build time (npm ci in host.console)
    nodejs
)
# Debian's npm, unless npm came with the nodejs installed (e.g. NodeSource's, which conflicts with it)
command -v npm >/dev/null || RUNTIME_PKGS+=(npm)
TEST_PKGS=(
    virtinst            # virt-install
    libxml2-utils       # xmllint, used by virt-xml-validate
    busybox-static cpio # tools/test-guest.sh
    fscrypt             # host:protect (tested on a loop-mounted ext4)
    xz-utils zstd gzip  # decompressing kernel modules (tools/test-guest.sh)
    procps              # pgrep
    time                # /usr/bin/time: peak memory and CPU time in ./bench
    strace              # the test that the platform writes only under its state directory
    git                 # ./test builds HEAD again in a fresh clone (reproducible build)
    chromium chromium-driver # ConsoleE2EIT: the web console in a real, headless browser
)
PKGS=("${RUNTIME_PKGS[@]}")
[ "$MODE" = test ] && PKGS+=("${TEST_PKGS[@]}")

installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

if [ "$INSTALL" = 1 ]; then
    missing=()
    for p in "${PKGS[@]}"; do installed "$p" || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        say "apt-get update"
        "${SUDO[@]}" apt-get -qq update >/dev/null
        say "installing ${missing[*]}"
        # Slim Debian images exclude man pages; the JDK's postinst then fails without this dir.
        [ -d /usr/share/man/man1 ] || "${SUDO[@]}" mkdir -p /usr/share/man/man1
        log=$(mktemp)
        if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
            tail -n 30 "$log" >&2; rm -f "$log"
            die "apt-get install failed"
        fi
        rm -f "$log"
    fi
fi

# ---- the host as udev and systemd would leave it ---------------------------
# /dev/kvm root:kvm 0660, as Debian's udev rule makes it. A node only root can open makes
# libvirt, which checks it as the QEMU user, discard its QEMU capability cache on every call
# and probe both emulators again (10-30 s each).
if [ -c /dev/kvm ] && getent group kvm >/dev/null; then
    if [ "$(stat -c %G /dev/kvm)" != kvm ] || [ $((0$(stat -c %a /dev/kvm) & 060)) -ne $((060)) ]; then
        say "/dev/kvm: group kvm, mode 0660 (as udev would set it)"
        "${SUDO[@]}" chgrp kvm /dev/kvm
        "${SUDO[@]}" chmod 0660 /dev/kvm
    fi
fi
# /run/libvirt 0755, as libvirtd makes it. libvirt's embedded driver makes it 0700 when it
# comes first, a daemon started later keeps that, and swtpm (user tss) then cannot reach
# its socket below it: every TPM guest fails to start.
if [ ! -d /run/libvirt ]; then
    say "/run/libvirt: created with mode 0755 (as libvirtd makes it)"
    "${SUDO[@]}" mkdir -m 0755 /run/libvirt
elif [ $((0$(stat -c %a /run/libvirt) & 05)) -ne 5 ]; then
    say "/run/libvirt: mode 0755 (swtpm must reach its sockets below it)"
    "${SUDO[@]}" chmod 0755 /run/libvirt
fi

[ "$DAEMONS" = 1 ] || exit 0

# ---- daemons (no systemd as PID 1 here) -------------------------------------
for t in virtlogd libvirtd virsh; do
    command -v "$t" >/dev/null || die "'$t' not found: run without --no-install first"
done

# alive PID NAME: a live (not zombie) process called NAME?
alive() {
    local st
    st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null) || return 1
    [ -n "$st" ] && [ "$st" != Z ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]
}
# running NAME SOCKET: is the daemon up? (its socket exists and its process is alive;
# a daemon that died leaves its socket behind, and is started again)
running() {
    local pid
    [ -S "$2" ] || return 1
    pid=$(cat "/run/$1.pid" 2>/dev/null || true)
    [ -n "$pid" ] && alive "$pid" "$1" && return 0
    command -v pgrep >/dev/null || return 1
    for pid in $(pgrep -x "$1" 2>/dev/null); do alive "$pid" "$1" && return 0; done
    return 1
}

QEMU_CONF=/etc/libvirt/qemu.conf
# virtlockd is only used when qemu.conf selects lock_manager = "lockd" (Debian's default: none).
if [ -r "$QEMU_CONF" ] && grep -Eq '^[[:space:]]*lock_manager[[:space:]]*=[[:space:]]*"lockd"' "$QEMU_CONF"; then
    if ! running virtlockd /run/libvirt/virtlockd-sock; then
        say "starting virtlockd (lock_manager = \"lockd\" in $QEMU_CONF)"
        "${SUDO[@]}" virtlockd -d
    fi
fi

if ! running virtlogd /run/libvirt/virtlogd-sock; then
    say "starting virtlogd"
    "${SUDO[@]}" virtlogd -d
fi
if ! running libvirtd /run/libvirt/libvirt-sock; then
    say "starting libvirtd"
    "${SUDO[@]}" libvirtd -d
fi

VIRSH=("${SUDO[@]}" virsh -q -c qemu:///system)
deadline=$((SECONDS + 20))
until "${VIRSH[@]}" version >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
        err=$("${VIRSH[@]}" version 2>&1 >/dev/null || true)
        die "libvirtd does not answer on qemu:///system after 20 s: ${err//$'\n'/ }"
    fi
    sleep 0.2
done

# The NAT network is optional for the platform: warn only.
# (outputs are captured first: with pipefail, `virsh | grep -q` can fail on SIGPIPE)
all_nets=$("${VIRSH[@]}" net-list --all --name 2>/dev/null || true)
active_nets=$("${VIRSH[@]}" net-list --name 2>/dev/null || true)
if grep -qx default <<<"$all_nets" && ! grep -qx default <<<"$active_nets"; then
    say "starting network 'default'"
    if ! out=$("${VIRSH[@]}" net-start default 2>&1); then
        echo "host-setup: warning: could not start network 'default': $out" >&2
    fi
fi
exit 0
