package io.phyllome.host.console.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The console's pages, from this bundle's
 * {@code /console} folder; each by its own pattern, so that the REST API's {@code /api/v1/*}
 * and the screens' {@code /console/vnc/*} stay theirs and {@code /} is {@link WelcomePage}'s.
 */
@Component(service = ConsolePages.class)
@HttpWhiteboardResource(pattern = { "/index.html", "/console.html", "/console.js", "/console.css" }, prefix = "/console")
public class ConsolePages {
}
