package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One state directory on the system libvirtd as FaultInjectionE2EIT crashes commands in it: the
 * user's data that must survive every crash (a VM with an encrypted disk, and a disk kept by
 * {@code vm:delete --keep-disks}), and what counts as left behind or lost after a crash and repair.
 */
final class CrashScene {

    /** What a crash and the repair came to. */
    record Outcome(int found, List<String> left, List<String> lost, String describe) {
    }

    private final Path state;
    private final Path disks;
    private final List<String> names = new CopyOnWriteArrayList<>();
    /** The user's disk files and their SHA-256, which no crash may change. */
    private final Map<Path, String> userDisks = new TreeMap<>();
    private String userVm;

    CrashScene(Path state) {
        this.state = state;
        this.disks = state.resolve("disks");
    }

    /** A fresh VM name, removed with its disks and keys by {@link #removeEverything()}. */
    String name(String prefix) {
        String name = TestGuest.uniqueName(prefix);
        names.add(name);
        return name;
    }

    /**
     * Runs one command; once more after libvirtd is back when it did not start because the daemon
     * was away (other tests on this machine restart it): that run did nothing, not even connect.
     */
    static OneShot.Result run(OneShot platform, String input, String... args) {
        OneShot.Result result = platform.input(input, args);
        if (result.exit() == 1 && result.err().contains("error: cannot connect to libvirt")) {
            LibvirtDaemon.start();
            result = platform.input(input, args);
        }
        return result;
    }

    OneShot.Result ok(OneShot.Result result) {
        assertEquals(result.toString(), 0, result.exit());
        return result;
    }

    /** The user's VM with its encrypted disk, and a disk kept from a deleted VM. */
    void prepareUserData(OneShot platform) {
        userVm = name("it-fi-user");
        String kept = name("it-fi-kept");
        ok(run(platform, "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", userVm));
        ok(run(platform, "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", kept));
        ok(run(platform, "", "vm:delete", "--keep-disks", kept));
        for (String vm : List.of(userVm, kept)) {
            Path disk = disks.resolve(vm + "-0.qcow2");
            userDisks.put(disk, Host.sha256(disk));
        }
    }

    /** Starts the platform again, repairs with {@code disk:orphans --clean}, and looks at what is left and lost. */
    Outcome repairAndCheck(OneShot platform, String command, String name, Path pkg) {
        int partialDownloads = partialDownloads().size(); // the start removes them before any command
        OneShot.Result repair = ok(run(platform, "", "disk:orphans", "--clean"));
        int found = partialDownloads + (int) repair.out().lines().filter(l -> l.startsWith("left by") || l.startsWith("key without a disk")).count();
        boolean exists = Host.systemDomains().contains(name);
        List<String> left = leftovers(name, exists, pkg);
        if (repair.err().contains("cannot install the profile bundle")) {
            left.add("a profile bundle that does not install: " + repair.err().strip());
        }
        return new Outcome(found, left, lost(name, exists), describe(command, name, exists, pkg));
    }

    /** What is orphaned: a disk no VM uses (but the kept one), a key without its disk, a record, a half-written package or download. */
    private List<String> leftovers(String name, boolean exists, Path pkg) {
        List<String> left = new ArrayList<>();
        List<String> caseDisks = exists ? diskSources(name) : List.of();
        for (String file : Host.tree(disks)) {
            Path path = disks.resolve(file);
            if (!userDisks.containsKey(path) && !caseDisks.contains(path.toString())) {
                left.add("file " + path);
            }
        }
        left.addAll(keysWithoutDisk());
        Host.tree(state.resolve("journal")).forEach(f -> left.add("journal record " + f));
        for (String file : Host.tree(state.resolve("media"))) {
            if (file.startsWith(name + ".") && !exists) {
                left.add("boot file " + file + " of a VM that does not exist");
            }
        }
        if (Files.exists(pkg) && !Files.isRegularFile(pkg.resolve("MANIFEST.sha256.hmac"))) {
            left.add("half-written package " + pkg + ": " + Host.tree(pkg));
        }
        partialDownloads().forEach(f -> left.add("partial download " + f));
        return left;
    }

    /** Keys of the system daemon for files in this state directory's disks that are gone. */
    List<String> keysWithoutDisk() {
        return Host.systemSecrets().stream().map(l -> l.split("\\s+")).filter(f -> f.length >= 3 && f[f.length - 1].startsWith(disks + "/"))
                .filter(f -> !Files.exists(Path.of(f[f.length - 1]))).map(f -> "key " + f[0] + " of the missing " + f[f.length - 1]).toList();
    }

    /** What of the user's data is changed or gone, and a case VM left referring to a disk or key that is gone. */
    private List<String> lost(String name, boolean exists) {
        List<String> lost = new ArrayList<>();
        List<String> secrets = Host.systemSecrets();
        if (!Host.systemDomains().contains(userVm)) {
            lost.add("the user's VM " + userVm);
        }
        userDisks.forEach((disk, digest) -> {
            if (!Files.isRegularFile(disk) || !digest.equals(Host.sha256(disk))) {
                lost.add("the user's disk " + disk + " (gone or changed)");
            } else if (secrets.stream().noneMatch(l -> l.endsWith(" " + disk))) {
                lost.add("the key of the user's disk " + disk);
            }
        });
        if (exists) {
            for (String source : diskSources(name)) {
                if (!Files.isRegularFile(Path.of(source)) || secrets.stream().noneMatch(l -> l.endsWith(" " + source))) {
                    lost.add("VM " + name + " refers to " + source + ", which is gone or has no key");
                }
            }
        }
        return lost;
    }

    private String describe(String command, String name, boolean exists, Path pkg) {
        if (command.equals("profile:install")) {
            return Files.exists(state.resolve("profiles").resolve(ProfileBundles.ACME + ".jar")) ? "the profile is installed (its download was complete)"
                    : "the profile is not installed, no partial download";
        }
        String vm = exists ? "the VM exists with its " + diskSources(name).size() + " disk(s)" : "no VM, no trace of it";
        return Files.exists(pkg) ? vm + "; the package is complete" : vm;
    }

    /** Removes one case's package, boot files and installed profile, and its VM with disks and keys when {@code vmToo}. */
    void removeCase(String name, Path pkg, boolean vmToo) {
        if (vmToo) {
            Host.removeLeftovers(name, disks);
        }
        Host.quietly("rm", "-rf", pkg.toString(), state.resolve("media").resolve(name + ".kernel").toString(),
                state.resolve("media").resolve(name + ".initrd").toString(), state.resolve("profiles").toString());
    }

    /** Removes every VM, disk and key this scene made, also after a failure. */
    void removeEverything() {
        LibvirtDaemon.start(); // another test on this machine may have stopped it: cleaning needs it
        names.forEach(n -> Host.removeLeftovers(n, disks));
        for (String key : keysWithoutDisk()) {
            Host.quietly("virsh", "-c", Host.SYSTEM, "secret-undefine", key.split(" ")[1]);
        }
    }

    private List<String> diskSources(String name) {
        return Host.run("virsh", "-c", Host.SYSTEM, "domblklist", "--details", name).lines().map(String::strip)
                .filter(l -> l.startsWith("file") && l.contains(" disk ")).map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }

    private List<String> partialDownloads() {
        return Host.tree(state.resolve("profiles")).stream().filter(f -> f.startsWith(".download-")).toList();
    }
}
