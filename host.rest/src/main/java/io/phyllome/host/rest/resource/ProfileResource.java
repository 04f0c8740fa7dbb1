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

/**
 * {@code GET /profiles/{id}}: what {@code profile:show --format json} shows (schema {@code profile-show}),
 * for a form to be built from: minimum and recommended resources and the options with their help.
 */
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
        fields.put("osinfo", d.osinfoIds());
        fields.put("minimum", resources(d.minimum()));
        fields.put("recommended", resources(d.recommended()));
        fields.put("options", new TreeMap<>(profile.options()));
        fields.put("fault", profiles.faults().get(d.id()));
        return Documents.document("profile-show", fields);
    }

    private static Map<String, Object> resources(Resources r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("memoryBytes", r.memory().bytes());
        fields.put("cpus", r.cpus());
        fields.put("diskBytes", r.disk().bytes());
        return fields;
    }
}
