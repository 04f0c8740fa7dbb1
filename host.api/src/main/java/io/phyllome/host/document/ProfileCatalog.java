package io.phyllome.host.document;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.phyllome.host.repository.ProfileRepository;

/** The profiles the repository indexes offer, and the indexes that could not be read ({@code profile:available}). */
public record ProfileCatalog(List<Offer> profiles, List<String> problems, List<String> repositories) implements Document {

    /**
     * One profile on offer; {@code installed} is the installed version or null, {@code withPlatform}
     * whether that one came with the platform (it cannot be updated or uninstalled).
     */
    public record Offer(String id, String family, String bundle, String version, String repository, String installed, boolean withPlatform,
            boolean updateAvailable, boolean cannotRunHere) {
    }

    /** What {@code repository} offers now. */
    public static ProfileCatalog of(ProfileRepository repository) {
        return of(repository.available(), repository.repositories(), repository::cannotRun);
    }

    /**
     * @param cannotRun why an offer cannot run on this platform, if it cannot; asked only of offers
     *        newer than the installed version (it reads the indexes)
     */
    public static ProfileCatalog of(ProfileRepository.Catalog catalog, List<URI> repositories, Function<ProfileRepository.Available, Optional<String>> cannotRun) {
        return new ProfileCatalog(catalog.profiles().stream().map(a -> {
            boolean newer = !a.withPlatform() && a.installed().map(v -> v.compareTo(a.version()) < 0).orElse(false);
            boolean runs = !newer || cannotRun.apply(a).isEmpty();
            return new Offer(a.profile(), a.family(), a.bundle(), a.version().toString(), a.repository().toString(),
                    a.installed().map(Object::toString).orElse(null), a.withPlatform(), newer && runs, newer && !runs);
        }).toList(), catalog.problems(), repositories.stream().map(Object::toString).toList());
    }

    @Override
    public String kind() {
        return "profile-available";
    }
}
