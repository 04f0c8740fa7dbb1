package io.phyllome.host.shell;

import static io.phyllome.host.shell.Completes.What.PROFILE;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.VmException;

/** The {@code profile:} commands of the shell. */
@Component(service = ProfileCommands.class, property = { "osgi.command.scope=profile",
        "osgi.command.function=list", "osgi.command.function=show", "osgi.command.function=available", "osgi.command.function=install",
        "osgi.command.function=uninstall", "osgi.command.function=update" })
public class ProfileCommands {

    private final Profiles profiles;
    private final ProfileRepository installer;

    @Activate
    public ProfileCommands(@Reference Profiles profiles, @Reference ProfileRepository installer) {
        this.profiles = profiles;
        this.installer = installer;
    }

    @Descriptor("list the profiles the configured repository indexes offer: id, OS family, bundle, version, whether installed")
    public String available() {
        ProfileRepository.Catalog catalog = installer.available();
        List<String> lines = new ArrayList<>();
        for (ProfileRepository.Available a : catalog.profiles()) {
            String state = a.installed().map(v -> a.withPlatform() ? "with the platform " + v
                    : v.equals(a.version()) ? "installed" : "installed " + v + (v.compareTo(a.version()) < 0 ? update(a) : "")).orElse("");
            lines.add(String.format("%-16s %-8s %-36s %-12s %s", a.profile(), a.family(), a.bundle(), a.version(), state).stripTrailing());
        }
        catalog.problems().forEach(p -> lines.add("warning: " + p));
        return lines.isEmpty() ? "the repositories " + installer.repositories() + " offer no profiles" : String.join("\n", lines);
    }

    /** A newer version is an update only if it can run here. */
    private String update(ProfileRepository.Available offer) {
        return installer.cannotRun(offer).map(why -> ", cannot run here").orElse(", update available");
    }

    @Descriptor("install a guest profile from the repository indexes, with the bundles it needs; it survives restarts")
    public String install(@Descriptor("profile id, or ID@VERSION for that version (see profile:available)") String id) {
        return installer.install(id);
    }

    @Descriptor("update an installed guest profile to the newest version the repositories offer")
    public String update(@Descriptor("profile id (see profile:list)") @Completes(PROFILE) String id) {
        return installer.update(id);
    }

    @Descriptor("uninstall a guest profile installed with profile:install (VMs made from it keep running)")
    public String uninstall(@Descriptor("profile id (see profile:list)") @Completes(PROFILE) String id) {
        return installer.uninstall(id);
    }

    @Descriptor("list the installed guest profiles: id, OS family, name; faulty profiles say what they did")
    public String list() {
        installer.awaitRestored(); // profiles installed earlier are back before the first listing
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
    public String show(@Descriptor("profile id (see profile:list)") @Completes(PROFILE) String id) {
        installer.awaitRestored();
        GuestProfile profile = profiles.find(id)
                .orElseThrow(() -> new VmException("unknown profile '" + id + "': profile:list shows the installed ones"));
        ProfileDescriptor p = profile.descriptor();
        StringBuilder out = new StringBuilder(String.format("id:          %s%nname:        %s%nfamily:      %s%nosinfo:      %s%nminimum:     %s%nrecommended: %s",
                p.id(), p.displayName(), p.family(), String.join(", ", p.osinfoIds()), resources(p.minimum()), resources(p.recommended())));
        new java.util.TreeMap<>(profile.options()).forEach((key, help) -> out.append(String.format("%noption:      %s=%s", key, help)));
        String fault = profiles.faults().get(id);
        if (fault != null) {
            out.append(String.format("%nFAULTY:      %s", fault));
        }
        return out.toString();
    }

    private static String resources(Resources r) {
        return r.memory() + " memory, " + r.cpus() + " CPUs, " + r.disk() + " disk";
    }
}
