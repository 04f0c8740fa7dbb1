package io.phyllome.host.rest.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmInfo;

/** {@code /profiles}, {@code /profiles/available}, {@code /disks}, {@code /media}: what the listing commands show. */
public final class CatalogResource {

    private final Profiles profiles;
    private final ProfileRepository repository;
    private final Storage storage;
    private final MediaLibrary media;
    private final VirtualMachines vms;

    public CatalogResource(Profiles profiles, ProfileRepository repository, Storage storage, MediaLibrary media, VirtualMachines vms) {
        this.profiles = profiles;
        this.repository = repository;
        this.storage = storage;
        this.media = media;
        this.vms = vms;
    }

    public void routes(Router router) {
        router.add("GET", "/profiles", call -> Documents.document("profile-list", Map.of("profiles", installed())))
                .add("GET", "/profiles/available", call -> available())
                .add("GET", "/disks", call -> Documents.document("disk-list",
                        Map.of("disks", storage.list().stream().map(v -> Documents.StoredDisk.of(v, users())).toList())))
                .add("GET", "/media", call -> Documents.document("media-list", Map.of("media", media.list().stream().map(Documents.Medium::of).toList())))
                .add("POST", "/profiles/{id}/install", call -> done(call.param("id"), repository.install(call.param("id"))))
                .add("POST", "/profiles/{id}/update", call -> done(call.param("id"), repository.update(call.param("id"))))
                .add("DELETE", "/profiles/{id}", call -> done(call.param("id"), repository.uninstall(call.param("id"))));
    }

    /** What {@code profile:install}, {@code update} and {@code uninstall} print, as {@code {"profile", "result"}}. */
    private static Object done(String id, String result) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("profile", id);
        fields.put("result", result);
        return fields;
    }

    /** As {@code profile:list}: a profile whose descriptor fails is listed by its component's name, with its fault. */
    private List<Documents.Profile> installed() {
        Map<String, String> left = new TreeMap<>(profiles.faults());
        List<Documents.Profile> out = new ArrayList<>();
        for (ProfileDescriptor p : profiles.list()) {
            out.add(new Documents.Profile(p.id(), p.family().name().toLowerCase(Locale.ROOT), p.displayName(), left.remove(p.id())));
        }
        left.forEach((name, fault) -> out.add(new Documents.Profile(name, null, null, fault)));
        return out;
    }

    /** As {@code profile:available}: whether an installed profile has an update that can run here. */
    private Object available() {
        ProfileRepository.Catalog catalog = repository.available();
        List<Documents.Offer> offers = catalog.profiles().stream().map(a -> {
            boolean newer = !a.withPlatform() && a.installed().map(v -> v.compareTo(a.version()) < 0).orElse(false);
            boolean runs = !newer || repository.cannotRun(a).isEmpty();
            return new Documents.Offer(a.profile(), a.family(), a.bundle(), a.version().toString(), a.repository().toString(),
                    a.installed().map(Object::toString).orElse(null), a.withPlatform(), newer && runs, newer && !runs);
        }).toList();
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("profiles", offers);
        fields.put("problems", catalog.problems());
        fields.put("repositories", repository.repositories().stream().map(Object::toString).toList());
        return Documents.document("profile-available", fields);
    }

    private Map<String, List<String>> users() {
        Map<String, List<String>> users = new HashMap<>();
        for (VmInfo vm : vms.list()) {
            vm.disks().forEach(d -> users.computeIfAbsent(d.source(), s -> new ArrayList<>()).add(vm.name()));
        }
        return users;
    }
}
