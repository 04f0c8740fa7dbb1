/**
 * The hypervisor-neutral virtual hardware a profile chooses for a VM, with the findings the user should see.
 */
@Version("1.0.0")
@Export
package io.phyllome.host.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
