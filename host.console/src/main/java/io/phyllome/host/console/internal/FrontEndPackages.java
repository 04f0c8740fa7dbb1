package io.phyllome.host.console.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The front-end packages the pages load (noVNC, xterm.js), under {@code /vendor/}: copied from
 * npm into this bundle at build time, served from it, never from elsewhere.
 */
@Component(service = Object.class) // a whiteboard resource: the service is only its properties
@HttpWhiteboardResource(pattern = "/vendor/*", prefix = "/console/vendor")
public class FrontEndPackages {
}
