/**
 * Guest profiles for Windows 10, 11 and Server (TPM 2.0, Secure Boot, virtio-win driver media).
 * The profiles arrive with their own issue; the bundle already builds and resolves.
 */
package io.phyllome.profiles.windows;
