/**
 * Profile bundles from repository indexes: what they offer, installing, updating and uninstalling.
 */
@Version("1.1.0")
@Export
package io.phyllome.host.repository;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
