/**
 * Who may use the platform from the network: the bearer tokens of the REST API and of the web
 * console on the same listener.
 */
@Version("1.0.0")
@Export
package io.phyllome.host.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
