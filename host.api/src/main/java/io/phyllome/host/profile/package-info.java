/**
 * The guest-profile SPI: bundles implement {@link io.phyllome.host.profile.GuestProfile} to contribute a tuned device set for one kind of guest.
 */
@Version("1.2.0")
@Export
package io.phyllome.host.profile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
