package io.phyllome.host.core.install;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.Resolver;

import io.phyllome.host.profile.ProvidesProfile;
import io.phyllome.host.vm.VmException;

/**
 * The configured repository indexes, and what a profile bundle chosen from them needs besides
 * what already runs, as the framework's {@link Resolver} decides.
 */
final class IndexResolution {

    private final BundleContext context;
    private final Resolver resolver;
    private final List<URI> repositories;

    IndexResolution(BundleContext context, Resolver resolver, List<URI> repositories) {
        this.context = context;
        this.resolver = resolver;
        this.repositories = List.copyOf(repositories);
    }

    List<URI> repositories() {
        return repositories;
    }

    /** Reads every index; what cannot be read goes to {@code problems}. */
    List<RepositoryIndex> read(List<String> problems) {
        List<RepositoryIndex> indexes = new ArrayList<>();
        if (repositories.isEmpty()) {
            problems.add("no repositories are configured: set 'repositories' in PID " + ProfileInstaller.PID + " (or the property "
                    + ProfileInstaller.REPOSITORIES_PROPERTY + ")");
        }
        for (URI uri : repositories) {
            try {
                indexes.add(RepositoryIndex.read(uri));
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read the repository " + uri + ": " + e.getMessage());
            }
        }
        return indexes;
    }

    /** Every resource of every index; fails only when none could be read and some could not. */
    List<RepositoryIndex.IndexResource> allResources() {
        List<String> problems = new ArrayList<>();
        List<RepositoryIndex.IndexResource> all = read(problems).stream().flatMap(i -> i.resources().stream()).toList();
        if (all.isEmpty() && !problems.isEmpty()) {
            throw new VmException(String.join("; ", problems));
        }
        return all;
    }

    String describeRepositories() {
        return repositories.isEmpty() ? "the repositories (none configured)" : "the repositories " + repositories;
    }

    static boolean provides(RepositoryIndex.IndexResource resource, String id) {
        return resource.getCapabilities(ProvidesProfile.NAMESPACE).stream()
                .anyMatch(c -> id.equals(String.valueOf(c.getAttributes().get(ProvidesProfile.NAMESPACE))));
    }

    /**
     * What installing {@code chosen} takes: {@code chosen} first, then what it needs from the indexes.
     *
     * @param replaced bundles whose capabilities do not count (the bundle being updated)
     */
    List<RepositoryIndex.IndexResource> resolve(String id, RepositoryIndex.IndexResource chosen, List<RepositoryIndex.IndexResource> all,
            Set<Bundle> replaced) {
        try {
            Map<Resource, List<Wire>> result = resolver.resolve(new InstallContext(context, List.of(chosen), all, replaced));
            List<RepositoryIndex.IndexResource> needed = new ArrayList<>();
            needed.add(chosen);
            for (Resource resource : result.keySet()) {
                if (resource instanceof RepositoryIndex.IndexResource r && r != chosen) {
                    needed.add(r);
                }
            }
            return needed;
        } catch (ResolutionException e) {
            String missing = e.getUnresolvedRequirements().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("");
            throw new VmException("profile '" + id + "' (" + chosen + ") cannot run on this platform: " + e.getMessage()
                    + (missing.isEmpty() ? "" : " (missing: " + missing + ")"));
        }
    }
}
