package io.phyllome.host.profiles.data;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A bundle's {@code profile.json}, as {@code docs/api/v1/profile.schema.json} describes it; read
 * only after the file passed that schema, so the fields hold the values it allows. Absent lists
 * and maps are empty, absent choices null (the platform's starting set keeps its own).
 */
@JsonIgnoreProperties("$schema")
record ProfileDocument(String id, String name, String family, List<String> osinfo, Size minimum, Size recommended,
        Requirements requires, Devices devices, List<FindingText> findings, Change whenKvm, Change whenEmulated,
        Map<String, OptionSpec> options) {

    ProfileDocument {
        osinfo = osinfo == null ? List.of() : List.copyOf(osinfo);
        requires = requires == null ? new Requirements(false, false, false, false) : requires;
        findings = findings == null ? List.of() : List.copyOf(findings);
        whenKvm = whenKvm == null ? Change.NONE : whenKvm;
        whenEmulated = whenEmulated == null ? Change.NONE : whenEmulated;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** Memory, CPUs and system disk, sizes as written ({@code 512M}, {@code 4G}). */
    record Size(String memory, int cpus, String disk) {
    }

    /** What the host must have. */
    record Requirements(boolean uefi, boolean secureBoot, boolean tpm, boolean kvm) {
    }

    /** Device choices; null leaves the choice as it was. Enum values are the schema's lower-case words. */
    record Devices(String machine, String firmware, String cpu, Boolean oneCpuSocket, Boolean smm, List<String> hyperV,
            String clock, String diskBus, String cdromBus, String nic, String video, String sound, List<String> inputs,
            Boolean usb, String tpm, List<String> channels, Boolean rng, Boolean balloon) {

        Devices {
            hyperV = hyperV == null ? List.of() : List.copyOf(hyperV);
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            channels = channels == null ? List.of() : List.copyOf(channels);
        }
    }

    /** Something the user is told; {@code {kvmProblem}} in the message is replaced. */
    record FindingText(String severity, String message) {
    }

    /** What a condition or an option's value changes. */
    record Change(Devices devices, List<FindingText> findings) {

        static final Change NONE = new Change(null, List.of());

        Change {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    /** An option: its help, its default value and what each value changes. */
    record OptionSpec(String help, String defaultValue, Map<String, Change> values) {

        /** {@code default} is a Java keyword: the file's field is bound by name here. */
        @JsonCreator
        OptionSpec(@JsonProperty("help") String help, @JsonProperty("default") String defaultValue,
                @JsonProperty("values") Map<String, Change> values) {
            this.help = help;
            this.defaultValue = defaultValue;
            this.values = values == null ? Map.of() : new TreeMap<>(values);
        }
    }
}
