package io.phyllome.host.profile;

/**
 * The family of operating systems a profile is made for; {@code profile:list} shows it in lower
 * case. The families are libosinfo's kinds of x86_64 guests that a profile vendor ships for:
 * choose the one the guest belongs to, and {@link #OTHER} only for a guest of none of them.
 * New families may be added in a minor version, so code that switches over them needs a
 * {@code default} branch.
 */
public enum OsFamily {
    /** Linux distributions. */
    LINUX,
    /** Microsoft Windows (the NT family: 10, 11, Server). */
    WINDOWS,
    /** Apple macOS. */
    MACOS,
    /** Anything else, e.g. a hobby or research system. */
    OTHER,
    /** The BSDs: FreeBSD, OpenBSD, NetBSD, DragonFly BSD and their derivatives (since 1.1). */
    BSD,
    /** Solaris and the illumos distributions (OmniOS, OpenIndiana, SmartOS) (since 1.1). */
    SOLARIS
}
