/**
 * What the platform can tell about its own health: the leftovers of crashes and their repair,
 * whether each profile could create a VM here, and the host's checks.
 */
@Version("1.1.0")
@Export
package io.phyllome.host.diagnostics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
