package io.phyllome.host.core.install;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolveContext;

/**
 * What the framework's resolver sees when a profile bundle is installed: the running framework
 * (its resolved bundles and their wirings, which are preferred) plus the resources of the
 * repository indexes. Only requirements effective at resolve time count, as in the framework.
 */
final class InstallContext extends ResolveContext {

    private final List<Resource> mandatory;
    private final List<BundleRevision> running = new ArrayList<>();
    private final Map<Resource, Wiring> wirings = new HashMap<>();
    private final List<RepositoryIndex.IndexResource> available;

    /**
     * @param replaced bundles whose capabilities do not count (the bundle being updated)
     */
    InstallContext(BundleContext context, List<Resource> mandatory, List<RepositoryIndex.IndexResource> available, Set<Bundle> replaced) {
        this.mandatory = List.copyOf(mandatory);
        for (Bundle bundle : context.getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring != null && !replaced.contains(bundle) && bundle.getState() != Bundle.UNINSTALLED) {
                running.add(wiring.getRevision());
                wirings.put(wiring.getRevision(), wiring);
            }
        }
        // the newest version first
        this.available = available.stream().sorted(Comparator.comparing(RepositoryIndex.IndexResource::version).reversed()).toList();
    }

    @Override
    public Collection<Resource> getMandatoryResources() {
        return mandatory;
    }

    @Override
    public List<Capability> findProviders(Requirement requirement) {
        String namespace = requirement.getNamespace();
        String filterText = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        Filter filter;
        try {
            filter = filterText == null ? null : FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return List.of();
        }
        List<Capability> providers = new ArrayList<>();
        for (BundleRevision revision : running) {
            for (Capability capability : revision.getCapabilities(namespace)) {
                if (matches(filter, capability)) {
                    providers.add(capability);
                }
            }
        }
        for (RepositoryIndex.IndexResource resource : available) {
            if (!resource.isBundle() || alreadyRunning(resource) && !mandatory.contains(resource)) {
                continue;
            }
            for (Capability capability : resource.getCapabilities(namespace)) {
                if (matches(filter, capability)) {
                    providers.add(capability);
                }
            }
        }
        return providers;
    }

    private boolean alreadyRunning(RepositoryIndex.IndexResource resource) {
        return running.stream().anyMatch(r -> resource.symbolicName().equals(r.getSymbolicName()) && resource.version().equals(r.getVersion()));
    }

    private static boolean matches(Filter filter, Capability capability) {
        return filter == null || filter.matches(capability.getAttributes());
    }

    @Override
    public int insertHostedCapability(List<Capability> capabilities, HostedCapability hostedCapability) {
        capabilities.add(0, hostedCapability);
        return 0;
    }

    @Override
    public boolean isEffective(Requirement requirement) {
        String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
        return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
    }

    @Override
    public Map<Resource, Wiring> getWirings() {
        return wirings;
    }
}
