/**
 * What the platform can tell about its own health: the leftovers of crashes and their repair,
 * and whether each profile could create a VM here.
 */
@Version("1.0.0")
@Export
package io.phyllome.host.diagnostics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
