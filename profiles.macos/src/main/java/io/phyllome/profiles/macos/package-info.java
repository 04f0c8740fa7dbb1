/**
 * Guest profiles for macOS on OpenCore. The profiles arrive with their own issue; the bundle
 * already builds and resolves.
 */
package io.phyllome.profiles.macos;
