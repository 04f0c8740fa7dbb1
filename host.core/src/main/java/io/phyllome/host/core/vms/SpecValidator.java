package io.phyllome.host.core.vms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException.Problem;
import io.phyllome.host.vm.VmSpec;

/**
 * Checks a spec against the naming rules, the host and its profile before anything is created;
 * each problem names the spec's field it is about.
 */
final class SpecValidator {

    static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final ByteSize MAX_DISK = ByteSize.ofGiB(64L * 1024);

    private SpecValidator() {
    }

    /** Problems with the spec itself, whatever the profile: name, sizes, files. */
    static List<Problem> checkRequest(VmSpec spec, HostCapabilities host) {
        List<Problem> problems = new ArrayList<>();
        checkName(spec.name(), problems);
        spec.memory().ifPresent(memory -> {
            if (memory.bytes() == 0) {
                problems.add(new Problem("memory",
                        "memory must be more than 0: give e.g. --memory 2G, or leave --memory out for the profile's recommendation"));
            } else if (memory.compareTo(host.memory()) > 0) {
                problems.add(new Problem("memory", "memory " + memory + " is more than this host has (" + host.memory() + "): give less with --memory"));
            }
        });
        if (spec.cpusGiven() && spec.cpus() < 1) {
            problems.add(new Problem("cpus",
                    spec.cpus() + " CPUs: a VM needs at least 1; give e.g. --cpus 2, or leave --cpus out for the profile's recommendation"));
        } else if (spec.cpus() > host.cpus()) {
            problems.add(new Problem("cpus", spec.cpus() + " CPUs are more than this host has (" + host.cpus() + "): give fewer with --cpus"));
        }
        spec.disks().forEach(disk -> problems.addAll(checkDisk(disk)));
        spec.installMedia().ifPresent(iso -> checkFile("iso", "install medium", iso, problems));
        spec.directBoot().ifPresent(boot -> {
            if (boot.cmdline().chars().anyMatch(Character::isISOControl)) {
                problems.add(new Problem("cmdline", "the kernel command line contains control characters: write it on one line of printable text"));
            }
            checkFile("kernel", "kernel", boot.kernel(), problems);
            if (boot.initrd() != null) {
                checkFile("initrd", "initrd", boot.initrd(), problems);
            }
        });
        return problems;
    }

    /** Problems with one new disk. */
    static List<Problem> checkDisk(DiskSpec disk) {
        if (disk.size().bytes() < ByteSize.ofMiB(1).bytes()) {
            return List.of(new Problem("disk", "disk size " + disk.size() + " is too small: give at least 1M, e.g. --disk 20G"));
        }
        if (disk.size().compareTo(MAX_DISK) > 0) {
            return List.of(new Problem("disk", "disk size " + disk.size() + " is more than the limit of " + MAX_DISK + ": give a smaller --disk"));
        }
        return List.of();
    }

    /** Problems with the spec's resources against the profile's minimum. */
    static List<Problem> checkMinimum(VmSpec resolved, ProfileDescriptor profile) {
        Resources min = profile.minimum();
        List<Problem> problems = new ArrayList<>();
        ByteSize memory = resolved.memory().orElseThrow();
        if (memory.compareTo(min.memory()) < 0) {
            problems.add(new Problem("memory", "profile '" + profile.id() + "' needs at least " + min.memory() + " of memory, not " + memory
                    + ": give --memory " + min.memory() + " or more"));
        }
        if (resolved.cpus() < min.cpus()) {
            problems.add(new Problem("cpus", "profile '" + profile.id() + "' needs at least " + min.cpus() + " CPUs: give --cpus " + min.cpus() + " or more"));
        }
        if (!resolved.disks().isEmpty() && resolved.disks().get(0).size().compareTo(min.disk()) < 0) {
            problems.add(new Problem("disk", "profile '" + profile.id() + "' needs a system disk of at least " + min.disk() + ": give --disk " + min.disk()
                    + " or more"));
        }
        return problems;
    }

    private static void checkName(String name, List<Problem> problems) {
        if (name.isEmpty()) {
            problems.add(new Problem("name", "the VM needs a name"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new Problem("name", "VM name is " + name.length() + " characters long: use at most " + MAX_NAME_LENGTH));
        } else if (!NAME.matcher(name).matches()) {
            problems.add(new Problem("name", "VM name '" + printable(name)
                    + "' may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit"));
        }
    }

    private static void checkFile(String field, String what, Path file, List<Problem> problems) {
        if (file.toString().chars().anyMatch(Character::isISOControl)) {
            problems.add(new Problem(field, what + " path '" + printable(file.toString()) + "' contains control characters: rename the file"));
        } else if (!Files.isRegularFile(file)) {
            problems.add(new Problem(field, what + " " + file + " does not exist or is not a file"));
        } else if (!Files.isReadable(file)) {
            problems.add(new Problem(field, what + " " + file + " is not readable"));
        }
    }

    /** The name with control characters shown as '?', so one error stays one line. */
    private static String printable(String text) {
        return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
