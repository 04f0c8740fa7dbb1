/**
 * The hypervisor SPI: what the platform needs from libvirt (or any other hypervisor adapter), and the host capabilities it reports.
 */
@Version("1.1.0")
@Export
package io.phyllome.host.hypervisor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
