/**
 * The web console's services for other front-end bundles: the one-time tickets that open a VM's
 * screen ({@link io.phyllome.host.console.ConsoleTickets}), and how a request names the caller's
 * session they are bound to ({@link io.phyllome.host.console.SessionBinding}).
 */
@Version("1.0.0")
@Export
package io.phyllome.host.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
