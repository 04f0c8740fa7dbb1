package io.phyllome.host.shell.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.profile.ProfileDescriptor;

/** What {@code profile:list} returns: the installed profiles, and what the faulty ones did. */
public record ProfileList(List<Profile> profiles) implements Output {

    /**
     * One profile; a profile whose descriptor itself fails is listed by its component's name, with
     * no family or name.
     */
    public record Profile(String id, String family, String name, String fault) {
    }

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

    @Override
    public String text() {
        Table table = new Table("ID", "FAMILY", "NAME");
        for (Profile p : profiles) {
            String name = p.name() == null ? "" : p.name();
            String fault = p.fault() == null ? "" : (name.isEmpty() ? "" : "  ") + "FAULTY: " + p.fault();
            table.row(p.id(), p.family() == null ? "?" : p.family(), name + fault);
        }
        return table.toString();
    }
}
