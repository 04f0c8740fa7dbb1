package io.phyllome.host.shell;

import static io.phyllome.host.shell.Completes.What.PROFILE;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.document.ProfileCatalog;
import io.phyllome.host.document.ProfileDetails;
import io.phyllome.host.document.ProfileList;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.shell.format.Format;
import io.phyllome.host.shell.format.Formatter;
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
    public String available(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        return Formatter.render(format, () -> ProfileCatalog.of(installer));
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
    public String list(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        return Formatter.render(format, () -> {
            installer.awaitRestored(); // profiles installed earlier are back before the first listing
            return ProfileList.of(profiles.list(), profiles.faults());
        });
    }

    @Descriptor("show a guest profile: what it is for and the resources it needs")
    public String show(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format, @Descriptor("profile id (see profile:list)") @Completes(PROFILE) String id) {
        return Formatter.render(format, () -> {
            installer.awaitRestored();
            GuestProfile profile = profiles.find(id)
                    .orElseThrow(() -> new VmException("unknown profile '" + id + "': profile:list shows the installed ones"));
            return ProfileDetails.of(profile, profiles.faults().get(id));
        });
    }
}
