package io.phyllome.host.rest.resource;

import java.util.Map;

import io.phyllome.host.document.DiskList;
import io.phyllome.host.document.MediaList;
import io.phyllome.host.document.ProfileCatalog;
import io.phyllome.host.document.ProfileList;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.rest.http.Json;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.vm.VirtualMachines;

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
        router.add("GET", "/profiles", call -> Json.document(ProfileList.of(profiles.list(), profiles.faults())))
                .add("GET", "/profiles/available", call -> Json.document(ProfileCatalog.of(repository)))
                .add("GET", "/disks", call -> Json.document(DiskList.of(storage.list(), vms.list())))
                .add("GET", "/media", call -> Json.document(MediaList.of(media.list())))
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
}
