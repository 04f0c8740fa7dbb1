#!/bin/bash
# Builds a tiny Linux test guest for direct kernel boot (works under TCG).
#
# Usage: tools/test-guest.sh OUTDIR
#
# Writes OUTDIR/vmlinuz and OUTDIR/initrd.img. The kernel comes from the
# Debian package that linux-image-cloud-amd64 depends on, the userland is
# busybox-static; both .debs are fetched once with `apt-get download` into
# OUTDIR/debs (nothing is installed). Needs: apt, dpkg-deb, cpio, gzip
# (xz/zstd only if the kernel's modules are compressed that way).
#
# The guest's /init mounts proc/sys/devtmpfs, loads the virtio modules, prints
#   PHYLLOME-MARKER <value of phyllome.marker= on the kernel command line, default "booted">
#   PHYLLOME-DISKS <the /dev/vd* block devices, or "none">
#   PHYLLOME-FOUND <text>   when /dev/vda starts with data an earlier boot wrote
#   PHYLLOME-WROTE <text>   after writing phyllome.write=<text> to the start of /dev/vda
#   PHYLLOME-UPTIME <seconds since the kernel started>
# on the console (use console=ttyS0 for a serial log), then runs `poweroff -f`.
#
# Idempotent: does nothing when both outputs are newer than this script.
# Set TEST_GUEST_FORCE=1 to rebuild anyway, TEST_GUEST_DEBS=DIR to share the .deb cache.
set -euo pipefail

usage() { echo "usage: $0 OUTDIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
case "$1" in -h|--help) usage ;; esac

OUT=$1
SELF=$(readlink -f "$0")
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
VMLINUZ=$OUT/vmlinuz
INITRD=$OUT/initrd.img
DEBS=${TEST_GUEST_DEBS:-$OUT/debs}

if [ "${TEST_GUEST_FORCE:-0}" != 1 ] && [ -s "$VMLINUZ" ] && [ -s "$INITRD" ] \
   && [ "$VMLINUZ" -nt "$SELF" ] && [ "$INITRD" -nt "$SELF" ]; then
    exit 0
fi

log() { echo "test-guest: $*" >&2; }
die() { echo "test-guest: error: $*" >&2; exit 1; }

for t in apt-cache apt-get dpkg-deb cpio gzip; do
    command -v "$t" >/dev/null || die "'$t' not found (run tools/host-setup.sh --test)"
done

export LC_ALL=C
mkdir -p "$DEBS"

APT_OPTS=()
# As root, apt drops to the _apt user for downloads and warns when that user
# cannot write the target directory; the download is a plain file fetch.
[ "$(id -u)" -eq 0 ] && APT_OPTS+=(-o APT::Sandbox::User=root)

# Name of the real kernel package behind the metapackage (e.g. linux-image-6.1.0-56-cloud-amd64).
resolve_kernel_pkg() {
    apt-cache depends linux-image-cloud-amd64 2>/dev/null \
        | sed -n 's/^ *|\{0,1\}Depends: \(linux-image-[^ ]*-cloud-amd64\(-unsigned\)\{0,1\}\)$/\1/p' \
        | grep -v -- '-unsigned$' | head -n1
}

# Newest cached .deb of a package, if any.
cached_deb() {
    local f
    f=$(ls -1 "$DEBS/$1"_*_amd64.deb 2>/dev/null | sort -V | tail -n1) || true
    [ -n "$f" ] && echo "$f"
    return 0
}

# fetch PKG: prints the path of its .deb in $DEBS, downloading it once.
fetch() {
    local pkg=$1 ver f
    ver=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')
    if [ -n "$ver" ] && [ "$ver" != "(none)" ]; then
        # dpkg encodes the epoch's ':' as %3a in file names.
        f="$DEBS/${pkg}_${ver/:/%3a}_amd64.deb"
        if [ ! -s "$f" ]; then
            log "downloading $pkg $ver"
            if ! (cd "$DEBS" && apt-get "${APT_OPTS[@]}" -q download "$pkg=$ver" >/dev/null 2>&1); then
                # stale package lists name a version the archive no longer has: refresh once
                log "apt-get download $pkg=$ver failed: running apt-get update"
                apt-get -qq update >/dev/null
                ver=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')
                f="$DEBS/${pkg}_${ver/:/%3a}_amd64.deb"
                (cd "$DEBS" && apt-get "${APT_OPTS[@]}" -q download "$pkg=$ver" >/dev/null) \
                    || die "apt-get download $pkg=$ver failed"
            fi
        fi
        [ -s "$f" ] || f=$(cached_deb "$pkg")
    else
        f=$(cached_deb "$pkg")
    fi
    [ -n "$f" ] && [ -s "$f" ] || die "no .deb for $pkg (is 'apt-get update' done?)"
    echo "$f"
}

KPKG=$(resolve_kernel_pkg || true)
if [ -z "$KPKG" ] && [ "$(id -u)" -eq 0 ] && ! ls "$DEBS"/linux-image-*-cloud-amd64_*.deb >/dev/null 2>&1; then
    log "package lists look empty: running apt-get update"
    apt-get -qq update >/dev/null
    KPKG=$(resolve_kernel_pkg || true)
fi
if [ -z "$KPKG" ]; then
    # Offline fallback: newest cached kernel .deb.
    f=$(ls -1 "$DEBS"/linux-image-*-cloud-amd64_*.deb 2>/dev/null | sort -V | tail -n1 || true)
    [ -n "$f" ] || die "cannot resolve the package behind linux-image-cloud-amd64"
    KPKG=$(basename "$f"); KPKG=${KPKG%%_*}
fi
KDEB=$(fetch "$KPKG")
BBDEB=$(fetch busybox-static)

WORK=$(mktemp -d "$OUT/.build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -x "$KDEB" "$WORK/kernel"
dpkg-deb -x "$BBDEB" "$WORK/bb"

KIMG=$(ls -1 "$WORK"/kernel/boot/vmlinuz-* 2>/dev/null | head -n1)
[ -n "$KIMG" ] || die "no /boot/vmlinuz-* in $KDEB"
KVER=${KIMG##*/vmlinuz-}
MODDIR=$WORK/kernel/lib/modules/$KVER
# A kernel .deb carries no modules.dep (depmod runs at install time): use
# modules.order for the files and each module's own "depends=" field.
[ -f "$MODDIR/modules.order" ] || die "no modules.order in $KDEB"

# --- initramfs tree ---------------------------------------------------------
R=$WORK/root
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,etc,lib/modules}
install -m 0755 "$WORK/bb/bin/busybox" "$R/bin/busybox"
# Applet links, as the static busybox itself lists them.
"$R/bin/busybox" --list-full | while read -r a; do
    [ "$a" = bin/busybox ] && continue
    case "$a" in */*) ;; *) a=bin/$a ;; esac
    mkdir -p "$R/$(dirname "$a")"
    [ -e "$R/$a" ] || ln -s /bin/busybox "$R/$a"
done

# Modules to load (in this order, dependencies first; missing ones are skipped).
# button and evdev: the ACPI power button, which a guest booted with phyllome.stay waits for.
WANTED=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk
        virtio_net virtio_rng virtio_console button evdev)
declare -A FILE_OF=() SEEN=()
while IFS= read -r rel; do
    name=${rel##*/}; name=${name%%.ko*}; name=${name//-/_}
    FILE_OF[$name]=${rel%%.ko*}.ko
done < "$MODDIR/modules.order"
mkdir -p "$WORK/mods"
: > "$R/etc/modules"
# add_mod NAME: decompresses NAME (after its dependencies) into the initramfs.
add_mod() {
    local name=$1 base src out deps d
    [ -n "${SEEN[$name]:-}" ] && return 0
    SEEN[$name]=1
    base=${FILE_OF[$name]:-}
    if [ -z "$base" ]; then
        if grep -qE "/${name//_/[-_]}\.ko\$" "$MODDIR/modules.builtin" 2>/dev/null; then
            log "module $name is built into $KVER"
        else
            log "module $name not found in $KVER: skipped"
        fi
        return 0
    fi
    out=$WORK/mods/$name.ko
    for src in "$MODDIR/$base" "$MODDIR/$base".{xz,zst,gz} ""; do [ -f "$src" ] && break; done
    case "$src" in
        *.ko)     cp "$src" "$out" ;;
        *.ko.xz)  xz -dc "$src" > "$out" ;;
        *.ko.zst) zstd -qdc "$src" > "$out" ;;
        *.ko.gz)  gzip -dc "$src" > "$out" ;;
        *) die "module file for $name missing ($base)" ;;
    esac
    deps=$(tr '\0' '\n' < "$out" | sed -n 's/^depends=//p' | head -n1)
    for d in ${deps//,/ }; do add_mod "${d//-/_}"; done
    mv "$out" "$R/lib/modules/$name.ko"
    echo "$name" >> "$R/etc/modules"
}
for m in "${WANTED[@]}"; do add_mod "$m"; done
echo "$KVER" > "$R/etc/kernel-version"

cat > "$R/init" <<'EOF'
#!/bin/sh
# Phyllome test guest init (generated by tools/test-guest.sh).
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
for m in $(cat /etc/modules); do
    insmod /lib/modules/$m.ko 2>/dev/null || echo "PHYLLOME-INFO insmod $m failed (ignored)"
done
marker=booted
write=
stay=
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        phyllome.marker=*) marker=${arg#phyllome.marker=} ;;
        phyllome.write=*) write=${arg#phyllome.write=} ;;
        phyllome.stay) stay=1 ;;
    esac
done
echo "PHYLLOME-MARKER $marker"
# Wait (at most 3 s) for virtio block devices (virtio device id 2) to show up.
want=0
for id in /sys/bus/virtio/devices/*/device; do
    [ -r "$id" ] && [ "$(cat "$id")" = 0x0002 ] && want=$((want + 1))
done
i=0
while [ $i -lt 30 ]; do
    n=0
    for d in /sys/block/vd*; do [ -e "$d" ] && n=$((n + 1)); done
    [ $n -ge $want ] && break
    sleep 0.1; i=$((i + 1))
done
disks=
for d in /dev/vd*; do [ -b "$d" ] && disks="$disks $d"; done
echo "PHYLLOME-DISKS${disks:- none}"
# The first 64 bytes of /dev/vda: report data an earlier boot wrote, then write phyllome.write's.
if [ -b /dev/vda ]; then
    found=$(dd if=/dev/vda bs=64 count=1 2>/dev/null | tr -d '\000' | head -n 1)
    case "$found" in "PHYLLOME-DATA "*) echo "PHYLLOME-FOUND ${found#PHYLLOME-DATA }" ;; esac
    if [ -n "$write" ]; then
        printf 'PHYLLOME-DATA %s\n' "$write" | dd of=/dev/vda bs=64 count=1 conv=notrunc,sync 2>/dev/null && sync \
            && echo "PHYLLOME-WROTE $write"
    fi
fi
echo "PHYLLOME-UPTIME $(cut -d' ' -f1 /proc/uptime)"
# phyllome.stay: run until the ACPI power button is pressed (a graceful shutdown request), then
# say so and power off, as a guest's init would.
if [ -n "$stay" ]; then
    button=
    for name in /sys/class/input/event*/device/name; do
        case "$(cat "$name" 2>/dev/null)" in *"Power Button"*) button=/dev/input/$(basename "$(dirname "$(dirname "$name")")") ;; esac
    done
    if [ -n "$button" ]; then
        echo "PHYLLOME-STAYING"
        # one input event (24 bytes on x86_64; evdev refuses shorter reads)
        if dd if="$button" bs=24 count=1 >/dev/null 2>&1; then
            echo "PHYLLOME-ACPI-SHUTDOWN"
        else
            echo "PHYLLOME-INFO cannot read the power button $button"
        fi
    else
        echo "PHYLLOME-INFO no ACPI power button"
    fi
fi
poweroff -f
echo "PHYLLOME-INFO poweroff failed"
while :; do sleep 1; done
EOF
chmod 0755 "$R/init"

# --- reproducible newc cpio -------------------------------------------------
EPOCH=${SOURCE_DATE_EPOCH:-0}
find "$R" -exec touch -h -d "@$EPOCH" {} +
(cd "$R" && find . -mindepth 1 -print0 | sort -z \
    | cpio --quiet -o -H newc -0 -R 0:0 --reproducible) | gzip -9 -n > "$WORK/initrd.img"

cp "$KIMG" "$WORK/vmlinuz"
chmod 0644 "$WORK/vmlinuz" "$WORK/initrd.img"
mv -f "$WORK/vmlinuz" "$VMLINUZ"
mv -f "$WORK/initrd.img" "$INITRD"
log "built $VMLINUZ ($KVER) and $INITRD ($(stat -c %s "$INITRD") bytes; modules: $(paste -sd' ' "$R/etc/modules"))"
