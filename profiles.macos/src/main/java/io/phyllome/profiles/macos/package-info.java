/**
 * Guest profiles for macOS 13 Ventura to macOS 26 Tahoe on OpenCore: the device set quickemu and
 * OSX-KVM converged on, through libvirt. The user supplies the OpenCore and recovery images and
 * the Apple SMC key; the platform ships no Apple software. See docs/profiles/macos.md.
 */
package io.phyllome.profiles.macos;
