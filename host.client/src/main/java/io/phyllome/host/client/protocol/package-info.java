/**
 * The control protocol between the {@code phyllome} client and the running platform service:
 * length-prefixed frames over the service's Unix domain socket. The client and the service's
 * bundle use this one implementation.
 */
@Version("1.2.0")
@Export
package io.phyllome.host.client.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
