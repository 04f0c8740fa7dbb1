package io.phyllome.host.rest.resource;

import io.phyllome.host.document.ProfileDetails;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.rest.http.ApiException;
import io.phyllome.host.rest.http.Json;
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
        return Json.document(ProfileDetails.of(profile, profiles.faults().get(profile.descriptor().id())));
    }
}
