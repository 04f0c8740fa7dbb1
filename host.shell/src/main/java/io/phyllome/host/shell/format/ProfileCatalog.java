package io.phyllome.host.shell.format;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.phyllome.host.repository.ProfileRepository;

/** What {@code profile:available} returns: the profiles the repository indexes offer, and the indexes that could not be read. */
public record ProfileCatalog(List<Offer> profiles, List<String> problems, List<String> repositories) implements Output {

    /**
     * One profile on offer; {@code installed} is the installed version or null, {@code withPlatform}
     * whether that one came with the platform (it cannot be updated or uninstalled).
     */
    public record Offer(String id, String family, String bundle, String version, String repository, String installed, boolean withPlatform,
            boolean updateAvailable, boolean cannotRunHere) {
    }

    /** {@code cannotRun}: why an offer cannot run on this platform, if it cannot ({@link ProfileRepository#cannotRun}). */
    public static ProfileCatalog of(ProfileRepository.Catalog catalog, List<java.net.URI> repositories,
            Function<ProfileRepository.Available, Optional<String>> cannotRun) {
        return new ProfileCatalog(catalog.profiles().stream().map(a -> {
            boolean newer = !a.withPlatform() && a.installed().map(v -> v.compareTo(a.version()) < 0).orElse(false);
            boolean runs = !newer || cannotRun.apply(a).isEmpty(); // asked only of newer ones: it reads the indexes
            return new Offer(a.profile(), a.family(), a.bundle(), a.version().toString(), a.repository().toString(),
                    a.installed().map(Object::toString).orElse(null), a.withPlatform(), newer && runs, newer && !runs);
        }).toList(), catalog.problems(), repositories.stream().map(Object::toString).toList());
    }

    @Override
    public String kind() {
        return "profile-available";
    }

    @Override
    public String text() {
        if (profiles.isEmpty() && problems.isEmpty()) {
            return "the repositories " + repositories + " offer no profiles";
        }
        Table table = new Table("ID", "FAMILY", "BUNDLE", "VERSION", "INSTALLED");
        for (Offer o : profiles) {
            String state = o.installed() == null ? "" : o.withPlatform() ? "with the platform " + o.installed()
                    : o.installed().equals(o.version()) ? "installed" : "installed " + o.installed() + (o.updateAvailable() ? ", update available" : o.cannotRunHere() ? ", cannot run here" : "");
            table.row(o.id(), o.family(), o.bundle(), o.version(), state);
        }
        StringBuilder out = new StringBuilder(profiles.isEmpty() ? "" : table.toString());
        problems.forEach(p -> out.append(out.length() == 0 ? "" : "\n").append("warning: ").append(p));
        return out.toString();
    }
}
