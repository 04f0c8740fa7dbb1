/**
 * Disks of virtual machines: the {@link io.phyllome.host.storage.Storage} service.
 */
@Version("1.0.0")
@Export
package io.phyllome.host.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
