package io.phyllome.host.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.phyllome.host.console.ConsoleTickets;
import io.phyllome.host.console.SessionBinding;
import io.phyllome.host.diagnostics.HostValidation;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.rest.resource.CatalogResource;
import io.phyllome.host.rest.resource.ConsoleResource;
import io.phyllome.host.rest.resource.HostResource;
import io.phyllome.host.rest.resource.ProfileResource;
import io.phyllome.host.rest.resource.TransferResource;
import io.phyllome.host.rest.resource.VmResource;
import io.phyllome.host.storage.DirectoryEncryption;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmPackages;
import io.phyllome.host.vm.VmPortability;

/** The resources of {@code /api/v1} (all but the event stream), on the platform's API services. */
@Component(service = Servlet.class, configurationPid = Listener.PID)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern("/*")
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The OpenAPI 3.1 document of these routes and of {@link EventStream}'s. */
    static final String OPENAPI = "/openapi.json";

    private final transient Router router = new Router();

    /** The API's limits, in the listener's configuration ({@code io.phyllome.host.rest.cfg}). */
    @ObjectClassDefinition(name = "Phyllome REST API limits")
    public @interface Limits {
        @AttributeDefinition(description = "the largest upload (a medium, a VM package), in bytes")
        long maxUploadBytes() default 64L << 30;
    }

    @Activate
    public ApiServlet(BundleContext context, @Reference VirtualMachines vms, @Reference Profiles profiles, @Reference VmPortability portability,
            @Reference ProfileRepository repository, @Reference Storage storage, @Reference MediaLibrary media, @Reference Hypervisor hypervisor,
            @Reference HostFingerprint fingerprint, @Reference HostConfiguration configuration, @Reference DirectoryEncryption encryption,
            @Reference HostValidation validation, @Reference VmPackages packages, @Reference ConsoleTickets tickets, @Reference SessionBinding sessions, @Reference UploadEvents uploads,
            Limits limits) {
        routes(router, new VmResource(vms, profiles, portability), new CatalogResource(profiles, repository, storage, media, vms),
                new HostResource(context.getBundle().getVersion().toString(), StateDirectory.resolve(context::getProperty), hypervisor, profiles,
                        fingerprint, configuration, encryption, validation),
                new TransferResource(packages, media, limits.maxUploadBytes(), uploads::start));
        new ConsoleResource(vms, tickets, sessions).routes(router);
        new ProfileResource(profiles).routes(router);
    }

    /** Every route this servlet serves; OpenApiTest builds the same table. */
    static Router routes(Router router, VmResource vms, CatalogResource catalog, HostResource host, TransferResource transfers) {
        vms.routes(router);
        transfers.routes(router);
        catalog.routes(router);
        host.routes(router);
        router.add("GET", OPENAPI, call -> {
            call.response().setContentType("application/json");
            try (InputStream in = ApiServlet.class.getResourceAsStream("openapi.json")) {
                in.transferTo(call.response().getOutputStream());
            }
            return null;
        });
        return router;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        router.serve(request, response);
    }
}
