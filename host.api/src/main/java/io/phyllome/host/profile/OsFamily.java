package io.phyllome.host.profile;

/** The family of operating systems a profile is made for. */
public enum OsFamily {
    LINUX, WINDOWS, MACOS, OTHER
}
