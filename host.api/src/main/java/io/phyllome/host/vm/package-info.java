/**
 * Virtual machines as users see them: the {@link io.phyllome.host.vm.VmSpec} they ask for and the {@link io.phyllome.host.vm.VirtualMachines} service that creates and runs them.
 */
@Version("1.2.0")
@Export
package io.phyllome.host.vm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
