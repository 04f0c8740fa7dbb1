package io.phyllome.host.core.install;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
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

    /** What installing a resource takes: the resource itself first, then what it needs from the indexes. */
    record Resolved(RepositoryIndex.IndexResource chosen, List<RepositoryIndex.IndexResource> needed) {
    }

    /**
     * The first of {@code candidates} (newest first) that resolves here; when none does, the
     * newest one's reason.
     *
     * @param replaced bundles whose capabilities do not count (the bundle being updated)
     */
    Resolved firstResolvable(String id, List<RepositoryIndex.IndexResource> candidates, List<RepositoryIndex.IndexResource> all,
            Set<Bundle> replaced) {
        VmException newest = null;
        for (RepositoryIndex.IndexResource candidate : candidates) {
            try {
                return new Resolved(candidate, resolve(id, candidate, all, replaced));
            } catch (VmException e) {
                newest = newest == null ? e : newest;
            }
        }
        if (newest == null) {
            throw new IllegalArgumentException("no candidates for " + id);
        }
        throw candidates.size() == 1 ? newest : new VmException(newest.getMessage() + "; no older version offered resolves either");
    }

    /** Why {@code resource} cannot run here, if it cannot. */
    Optional<String> whyNot(String id, RepositoryIndex.IndexResource resource, List<RepositoryIndex.IndexResource> all) {
        try {
            resolve(id, resource, all, Set.of());
            return Optional.empty();
        } catch (VmException e) {
            return Optional.of(e.getMessage());
        }
    }

    private List<RepositoryIndex.IndexResource> resolve(String id, RepositoryIndex.IndexResource chosen, List<RepositoryIndex.IndexResource> all,
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
            List<String> missing = e.getUnresolvedRequirements().stream().map(this::describe).distinct().toList();
            throw new VmException("profile '" + id + "' (" + chosen + ") cannot run on this platform: "
                    + (missing.isEmpty() ? e.getMessage() : String.join("; ", missing)));
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");

    /** A missing requirement, once, with what this platform has instead when it is a package. */
    private String describe(Requirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String needs = "it needs " + requirement.getNamespace() + " " + filter;
        Matcher pkg = PACKAGE.matcher(filter);
        if (!PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace()) || !pkg.find()) {
            return needs;
        }
        String name = pkg.group(1);
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (Capability export : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (name.equals(export.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    return needs + ", but this platform's " + bundle.getSymbolicName() + " " + bundle.getVersion() + " has " + name + " "
                            + export.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)
                            + ": choose a version of the profile built for this API";
                }
            }
        }
        return needs + ", which nothing on this platform exports";
    }
}
