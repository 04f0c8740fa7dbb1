package io.phyllome.host.shell.format;

import java.util.Locale;

import io.phyllome.host.document.ProfileCatalog;
import io.phyllome.host.document.ProfileDetails;
import io.phyllome.host.document.ProfileList;
import io.phyllome.host.vm.ByteSize;

/** The text forms of the profile documents. */
final class ProfileTexts {

    private ProfileTexts() {
    }

    static String list(ProfileList list) {
        Table table = new Table("ID", "FAMILY", "NAME");
        for (ProfileList.Profile p : list.profiles()) {
            String name = p.name() == null ? "" : p.name();
            String fault = p.fault() == null ? "" : (name.isEmpty() ? "" : "  ") + "FAULTY: " + p.fault();
            table.row(p.id(), p.family() == null ? "?" : p.family(), name + fault);
        }
        return table.toString();
    }

    static String details(ProfileDetails p) {
        StringBuilder out = new StringBuilder(String.format("id:          %s%nname:        %s%nfamily:      %s%nosinfo:      %s%nminimum:     %s%nrecommended: %s",
                p.id(), p.name(), p.family().toUpperCase(Locale.ROOT), String.join(", ", p.osinfo()), resources(p.minimum()), resources(p.recommended())));
        p.options().forEach((key, help) -> out.append(String.format("%noption:      %s=%s", key, help)));
        if (p.fault() != null) {
            out.append(String.format("%nFAULTY:      %s", p.fault()));
        }
        return out.toString();
    }

    static String catalog(ProfileCatalog catalog) {
        if (catalog.profiles().isEmpty() && catalog.problems().isEmpty()) {
            return "the repositories " + catalog.repositories() + " offer no profiles";
        }
        Table table = new Table("ID", "FAMILY", "BUNDLE", "VERSION", "INSTALLED");
        for (ProfileCatalog.Offer o : catalog.profiles()) {
            String state = o.installed() == null ? "" : o.withPlatform() ? "with the platform " + o.installed()
                    : o.installed().equals(o.version()) ? "installed" : "installed " + o.installed() + (o.updateAvailable() ? ", update available" : o.cannotRunHere() ? ", cannot run here" : "");
            table.row(o.id(), o.family(), o.bundle(), o.version(), state);
        }
        StringBuilder out = new StringBuilder(catalog.profiles().isEmpty() ? "" : table.toString());
        catalog.problems().forEach(p -> out.append(out.length() == 0 ? "" : "\n").append("warning: ").append(p));
        return out.toString();
    }

    private static String resources(ProfileDetails.Resources r) {
        return new ByteSize(r.memoryBytes()) + " memory, " + r.cpus() + " CPUs, " + new ByteSize(r.diskBytes()) + " disk";
    }
}
