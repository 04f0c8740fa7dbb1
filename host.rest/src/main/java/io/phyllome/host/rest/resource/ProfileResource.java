package io.phyllome.host.rest.resource;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.rest.http.ApiException;
import io.phyllome.host.rest.http.Router;

/** {@code GET /profiles/{id}}: what {@code profile:show} shows, for a form to be built from: resources and options with their help. */
public final class ProfileResource {

    private final Profiles profiles;

    public ProfileResource(Profiles profiles) {
        this.profiles = profiles;
    }

    public void routes(Router router) {
        router.add("GET", "/profiles/{id}", call -> show(call.param("id")));
    }

    private Object show(String id) {
        GuestProfile profile = profiles.find(id).orElseThrow(() -> new ApiException(404, "no profile '" + id
                + "' is installed: GET /api/v1/profiles lists them, POST /api/v1/profiles/{id}/install installs one"));
        ProfileDescriptor d = profile.descriptor();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", d.id());
        fields.put("name", d.displayName());
        fields.put("family", d.family().name().toLowerCase(Locale.ROOT));
        fields.put("osinfoIds", d.osinfoIds());
        fields.put("minimum", resources(d.minimum()));
        fields.put("recommended", resources(d.recommended()));
        fields.put("options", new TreeMap<>(profile.options()));
        return fields;
    }

    private static Map<String, Object> resources(Resources r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("memory", r.memory().toString());
        fields.put("memoryBytes", r.memory().bytes());
        fields.put("cpus", r.cpus());
        fields.put("disk", r.disk().toString());
        fields.put("diskBytes", r.disk().bytes());
        return fields;
    }
}
