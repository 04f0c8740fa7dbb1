/**
 * Facts about the running platform shared by all bundles: where its mutable state lives, and the
 * fingerprint of what makes this host compatible with another.
 */
@Version("1.0.0")
@Export
package io.phyllome.host.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
