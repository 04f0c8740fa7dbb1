package io.phyllome.host.profiles.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/**
 * A guest profile made of a {@code profile.json}: its host requirements become the refusals a
 * coded profile throws, then its device choices fill the builder in a fixed order: {@code devices},
 * {@code findings}, {@code whenKvm} or {@code whenEmulated}, then each option's chosen value (by
 * option name).
 */
final class DataProfile implements GuestProfile {

    private final ProfileDocument document;
    private final ProfileDescriptor descriptor;

    DataProfile(ProfileDocument document) {
        this.document = document;
        this.descriptor = new ProfileDescriptor(document.id(), document.name(), DeviceChoices.constant(OsFamily.class, document.family()),
                document.osinfo(), resources(document.minimum()), resources(document.recommended()));
    }

    private static Resources resources(ProfileDocument.Size size) {
        return new Resources(ByteSize.parse(size.memory()), size.cpus(), ByteSize.parse(size.disk()));
    }

    @Override
    public ProfileDescriptor descriptor() {
        return descriptor;
    }

    /** Each option's help, with its values and default, as profile:show prints it. */
    @Override
    public Map<String, String> options() {
        Map<String, String> help = new TreeMap<>();
        document.options().forEach((name, option) -> help.put(name, option.help() + " (" + String.join(" | ", option.values().keySet())
                + (option.defaultValue() == null ? "" : "; default " + option.defaultValue()) + ")"));
        return help;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        HostCapabilities host = context.host();
        Map<String, ProfileDocument.Change> chosen = chosenValues(context.spec().options());
        refuseWhatHostLacks(host);
        DeviceChoices.apply(document.devices(), devices);
        DeviceChoices.findings(document.findings(), devices, host);
        DeviceChoices.apply(host.kvmUsable() ? document.whenKvm() : document.whenEmulated(), devices, host);
        chosen.values().forEach(change -> DeviceChoices.apply(change, devices, host));
    }

    /** The change of each option's value: the user's, or the default; a value the option lacks is refused. */
    private Map<String, ProfileDocument.Change> chosenValues(Map<String, String> given) {
        Map<String, ProfileDocument.Change> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, ProfileDocument.OptionSpec> entry : new TreeMap<>(document.options()).entrySet()) {
            ProfileDocument.OptionSpec option = entry.getValue();
            String value = given.getOrDefault(entry.getKey(), option.defaultValue());
            if (value == null) {
                continue;
            }
            ProfileDocument.Change change = option.values().get(value);
            if (change == null) {
                throw new ProfileException("profile '" + document.id() + "': option " + entry.getKey() + "=" + value + " is not one of "
                        + String.join(", ", option.values().keySet()) + " (profile:show " + document.id() + " lists them)");
            }
            chosen.put(entry.getKey(), change);
        }
        return chosen;
    }

    private void refuseWhatHostLacks(HostCapabilities host) {
        ProfileDocument.Requirements needs = document.requires();
        String profile = "profile '" + document.id() + "' needs ";
        if (needs.uefi() && !host.uefi()) {
            throw new ProfileException(profile + "UEFI firmware, which this host lacks: install the ovmf package");
        }
        if (needs.secureBoot() && !host.secureBoot()) {
            throw new ProfileException(profile + "UEFI Secure Boot firmware, which this host lacks: install the ovmf package");
        }
        if (needs.tpm() && !host.tpmEmulator()) {
            throw new ProfileException(profile + "a TPM 2.0 emulator, which this host lacks: install the swtpm and swtpm-tools packages");
        }
        if (needs.kvm() && !host.kvmUsable()) {
            throw new ProfileException(profile + "KVM, which is not usable here (" + host.kvmProblem() + ")");
        }
    }
}
