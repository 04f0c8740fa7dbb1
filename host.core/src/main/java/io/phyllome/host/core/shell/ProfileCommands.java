package io.phyllome.host.core.shell;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.VmException;

/** The {@code profile:} commands of the shell. */
@Component(service = ProfileCommands.class, property = { "osgi.command.scope=profile",
        "osgi.command.function=list", "osgi.command.function=show" })
public class ProfileCommands {

    private final Profiles profiles;

    @Activate
    public ProfileCommands(@Reference Profiles profiles) {
        this.profiles = profiles;
    }

    @Descriptor("list the installed guest profiles: id, OS family, name; faulty profiles say what they did")
    public String list() {
        java.util.Map<String, String> faults = new java.util.TreeMap<>(profiles.faults());
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (ProfileDescriptor p : profiles.list()) {
            String fault = faults.remove(p.id());
            lines.add(String.format("%-16s %-8s %s", p.id(), p.family().name().toLowerCase(java.util.Locale.ROOT), p.displayName())
                    + (fault == null ? "" : "  FAULTY: " + fault));
        }
        // profiles whose descriptor itself fails: listed by component name
        faults.forEach((name, fault) -> lines.add(String.format("%-16s %-8s FAULTY: %s", name, "?", fault)));
        return String.join("\n", lines);
    }

    @Descriptor("show a guest profile: what it is for and the resources it needs")
    public String show(@Descriptor("profile id (see profile:list)") String id) {
        GuestProfile profile = profiles.find(id)
                .orElseThrow(() -> new VmException("unknown profile '" + id + "': profile:list shows the installed ones"));
        ProfileDescriptor p = profile.descriptor();
        StringBuilder out = new StringBuilder(String.format("id:          %s%nname:        %s%nfamily:      %s%nosinfo:      %s%nminimum:     %s%nrecommended: %s",
                p.id(), p.displayName(), p.family(), String.join(", ", p.osinfoIds()), resources(p.minimum()), resources(p.recommended())));
        new java.util.TreeMap<>(profile.options()).forEach((key, help) -> out.append(String.format("%noption:      %s=%s", key, help)));
        return out.toString();
    }

    private static String resources(Resources r) {
        return r.memory() + " memory, " + r.cpus() + " CPUs, " + r.disk() + " disk";
    }
}
