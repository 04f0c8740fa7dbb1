package io.phyllome.host.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.profile.ProfileDescriptor;

/** The installed profiles, and what the faulty ones did ({@code profile:list}, {@code GET /api/v1/profiles}). */
public record ProfileList(List<Profile> profiles) implements Document {

    /**
     * One profile; a profile whose descriptor itself fails is listed by its component's name, with
     * no family or name.
     */
    public record Profile(String id, String family, String name, String fault) {
    }

    /** @param faults why each faulty profile is marked so, by id or component name */
    public static ProfileList of(List<ProfileDescriptor> installed, Map<String, String> faults) {
        Map<String, String> left = new TreeMap<>(faults);
        List<Profile> profiles = new ArrayList<>();
        for (ProfileDescriptor p : installed) {
            profiles.add(new Profile(p.id(), p.family().name().toLowerCase(Locale.ROOT), p.displayName(), left.remove(p.id())));
        }
        left.forEach((name, fault) -> profiles.add(new Profile(name, null, null, fault)));
        return new ProfileList(profiles);
    }

    @Override
    public String kind() {
        return "profile-list";
    }
}
