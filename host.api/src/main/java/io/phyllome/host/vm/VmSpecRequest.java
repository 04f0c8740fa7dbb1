package io.phyllome.host.vm;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.phyllome.host.vm.InvalidSpecException.Problem;

/**
 * A VM to create as a user writes it, in text: the options of {@code vm:create}, the body of the
 * REST API's {@code POST /vms}. {@link #spec} makes the {@link VmSpec} with the defaults every
 * front end shares; a text field that is {@code null} or blank is not given.
 *
 * @param name      the VM's name
 * @param profile   the guest profile's id
 * @param memory    a size such as {@code 4G} ({@link ByteSize#parse}); not given: the profile's recommendation
 * @param cpus      a whole number; not given: the profile's recommendation
 * @param disk      the system disk's size, or {@value #NO_DISK} for none; not given: the profile's recommended disk
 * @param encrypted whether that disk is encrypted at rest (it should be)
 * @param iso       an installer image to attach, a path on the host (relative to the working directory)
 * @param kernel    a kernel to boot directly, a path on the host
 * @param initrd    the initial ramdisk for {@code kernel}
 * @param cmdline   the kernel command line for {@code kernel}
 * @param network   the network to attach to; not given: the host's default
 * @param options   the profile's options by key ({@link VmSpec#options()}); {@code null} for none
 */
public record VmSpecRequest(String name, String profile, String memory, String cpus, String disk, boolean encrypted, String iso, String kernel,
        String initrd, String cmdline, String network, Map<String, String> options) {

    /** The {@code disk} that asks for no disk. */
    public static final String NO_DISK = "none";

    /**
     * The spec this request asks for; the service validates it further when it creates it.
     *
     * @param recommendedDisk the system disk a profile id recommends; empty for an unknown profile
     *                        (then the service says so)
     * @param fieldName       how the front end names a field in its messages, e.g. {@code --memory}
     *                        for a command's option or {@code memory} for a JSON field
     * @throws InvalidSpecException naming each field that cannot be read, and how to write it
     */
    public VmSpec spec(Function<String, Optional<ByteSize>> recommendedDisk, UnaryOperator<String> fieldName) {
        List<Problem> problems = new ArrayList<>();
        if (!given(name)) {
            problems.add(new Problem("name", "the VM needs a name"));
        }
        if (!given(profile)) {
            problems.add(new Problem("profile", "the VM needs a profile: give the id of an installed guest profile (the list of profiles shows them)"));
        }
        String profileId = given(profile) ? profile.trim() : "";
        VmSpec.Builder spec = VmSpec.builder(profileId, given(name) ? name : "");
        if (given(memory)) {
            size("memory", memory, fieldName, problems).ifPresent(spec::memory);
        }
        if (given(cpus)) {
            try {
                spec.cpus(Integer.parseInt(cpus.trim()));
            } catch (NumberFormatException e) {
                problems.add(new Problem("cpus", fieldName.apply("cpus") + ": '" + cpus + "' is not a whole number: give e.g. "
                        + fieldName.apply("cpus") + " 2"));
            }
        }
        Optional<ByteSize> diskSize = !given(disk) ? (profileId.isEmpty() ? Optional.empty() : recommendedDisk.apply(profileId))
                : disk.trim().equals(NO_DISK) ? Optional.empty() : size("disk", disk, fieldName, problems);
        diskSize.ifPresent(size -> spec.disk(new DiskSpec(size, encrypted)));
        path("iso", iso, fieldName, problems).ifPresent(spec::installMedia);
        Optional<Path> kernelPath = path("kernel", kernel, fieldName, problems);
        Path initrdPath = path("initrd", initrd, fieldName, problems).orElse(null);
        if (kernelPath.isPresent()) {
            spec.directBoot(new DirectBoot(kernelPath.get(), initrdPath, given(cmdline) ? cmdline : ""));
        } else if (!given(kernel) && (given(initrd) || given(cmdline))) {
            problems.add(new Problem("kernel", fieldName.apply("initrd") + " and " + fieldName.apply("cmdline") + " need " + fieldName.apply("kernel")));
        }
        if (given(network)) {
            spec.network(network.trim());
        }
        (options == null ? Map.<String, String>of() : options).forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                problems.add(new Problem("options", fieldName.apply("options") + ": an option needs a name, e.g. tpm"));
            } else if (!given(value)) {
                problems.add(new Problem(Problem.option(key.trim()), fieldName.apply("options") + ": '" + key.trim()
                        + "' needs a value, e.g. on or off for a switch (the profile lists its options)"));
            } else {
                spec.option(key.trim(), value.trim());
            }
        });
        if (!problems.isEmpty()) {
            throw InvalidSpecException.of(problems);
        }
        return spec.build();
    }

    private static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    /** A size in {@link ByteSize#parse}'s syntax, its message naming the field. */
    private static Optional<ByteSize> size(String field, String text, UnaryOperator<String> fieldName, List<Problem> problems) {
        try {
            return Optional.of(ByteSize.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, fieldName.apply(field) + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** A file on the host, made absolute: the service may run in another directory. */
    private static Optional<Path> path(String field, String text, UnaryOperator<String> fieldName, List<Problem> problems) {
        if (!given(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text).toAbsolutePath());
        } catch (InvalidPathException e) {
            problems.add(new Problem(field, fieldName.apply(field) + ": not a path on this host (" + e.getReason() + "): give the file's path"));
            return Optional.empty();
        }
    }
}
