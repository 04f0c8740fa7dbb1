package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Test;

/**
 * Crash safety, kept fixed: each case kills a one-shot command (FaultInjection's halt points, as
 * {@code kill -9} would) after one of its steps — {@code vm:create}, {@code disk:add},
 * {@code vm:delete}, {@code vm:export}, {@code vm:import}, {@code profile:install} — then starts the
 * platform again and repairs ({@code disk:orphans --clean}); the user's VM and kept disk in the same
 * state directory must be intact, and nothing orphaned. Two more cases run out of disk space (a
 * 32 MiB loop-mounted ext4) in {@code qemu-img create} and in {@code vm:export}. The figures go to
 * docs/reliability.md (ReliabilityReport). Against the system libvirtd, like CrashRepairE2EIT.
 */
public class FaultInjectionE2EIT {

    private static final ReliabilityReport REPORT = new ReliabilityReport();
    private static final Path WORK = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath()
            .resolve(FaultInjectionE2EIT.class.getSimpleName());
    private static final String PASSPHRASE = "fault injection passphrase";

    private final Path state = WORK.resolve("state-" + TestGuest.random(4));
    private final OneShot platform = new OneShot(state, Host.SYSTEM);
    private final CrashScene scene = new CrashScene(state);
    private final List<AutoCloseable> mounts = new ArrayList<>();

    /**
     * A command killed after one step: how to prepare it ("vm": a VM of its own; "direct-boot-vm": one
     * that boots a kernel directly, whose complete export is the imports' package; "same-vm": the VM of
     * the case before, which such a crash leaves as it was), and its arguments once prepared (NAME is
     * the case's VM, SOURCE the imports' package).
     */
    private record Case(String command, String step, String prepare, String... args) {
    }

    private static final List<Case> CASES = List.of(
            new Case("vm:create", "disk.recorded", "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", "NAME"),
            new Case("vm:create", "disk.key-stored", "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", "NAME"),
            new Case("vm:create", "vm-create.disks-made", "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", "NAME"),
            new Case("vm:create", "vm-create.defined", "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", "NAME"),
            new Case("disk:add", "disk.key-stored", "vm", "disk:add", "NAME", "32M"),
            new Case("disk:add", "disk-add.disk-made", "same-vm", "disk:add", "NAME", "32M"),
            new Case("disk:add", "disk-add.attached", "same-vm", "disk:add", "NAME", "32M"),
            new Case("vm:delete", "vm-delete.undefined", "vm", "vm:delete", "--with-disks", "NAME"),
            new Case("vm:delete", "disk.file-deleted", "vm", "vm:delete", "--with-disks", "NAME"),
            new Case("vm:export", "export.disk-copied", "direct-boot-vm", "vm:export", "NAME", "PACKAGE"),
            new Case("vm:export", "vm-export.disks-copied", "same-vm", "vm:export", "NAME", "PACKAGE"),
            new Case("vm:export", "vm-export.manifest-written", "same-vm", "vm:export", "NAME", "PACKAGE"),
            new Case("vm:import", "vm-import.boot-files", "", "vm:import", "--name", "NAME", "SOURCE"),
            new Case("vm:import", "import.disk-copied", "", "vm:import", "--name", "NAME", "SOURCE"),
            new Case("vm:import", "vm-create.disks-made", "", "vm:import", "--name", "NAME", "SOURCE"),
            new Case("vm:import", "vm-create.defined", "", "vm:import", "--name", "NAME", "SOURCE"),
            new Case("profile:install", "profile-install.downloaded", "", "profile:install", "acme-os"),
            new Case("profile:install", "profile-install.stored", "", "profile:install", "acme-os"));

    @Test
    public void aCommandKilledAtAnyStepLosesNothingAndTheRepairLeavesNothing() {
        TestPlatform.createSearchable(state);
        scene.prepareUserData(platform);
        Path repository = ProfileBundles.repository(WORK.resolve("vendor-repository")).resolve("index-1.0.xml");
        OneShot withProfiles = new OneShot(state, Host.SYSTEM).with("-Dphyllome.profile.repositories=" + repository.toUri());
        Path source = null;
        List<String> failures = new ArrayList<>();
        String name = null;
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            long started = System.nanoTime();
            if (!c.prepare().equals("same-vm")) {
                name = scene.name("it-fi");
            }
            Path pkg = WORK.resolve("pkg-" + name + "-" + i);
            if (c.prepare().equals("vm")) {
                scene.ok(CrashScene.run(platform, "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", name));
            } else if (c.prepare().equals("direct-boot-vm")) {
                scene.ok(CrashScene.run(platform, "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "--kernel", TestGuest.kernel().toString(),
                        "--initrd", TestGuest.initrd().toString(), "--cmdline", "console=ttyS0", "linux", name));
            }
            Map<String, String> names = Map.of("NAME", name, "PACKAGE", pkg.toString(), "SOURCE", String.valueOf(source));
            String[] args = java.util.Arrays.stream(c.args()).map(a -> names.getOrDefault(a, a)).toArray(String[]::new);
            OneShot crashing = (c.command().equals("profile:install") ? withProfiles : new OneShot(state, Host.SYSTEM))
                    .with("-Dphyllome.fault.halt-at=" + c.step());
            OneShot.Result crash = CrashScene.run(crashing, PASSPHRASE + "\n", args);
            String label = c.command() + " @ " + c.step();
            if (crash.exit() != 86 || !crash.err().contains("fault injection: " + c.step())) {
                failures.add(label + ": did not halt at its step: " + crash);
                continue;
            }
            CrashScene.Outcome outcome = scene.repairAndCheck(c.command().equals("profile:install") ? withProfiles : platform, c.command(), name, pkg);
            REPORT.add(new ReliabilityReport.Row(c.command(), "`" + c.step() + "`", outcome.describe(), outcome.found(), outcome.left().size(),
                    outcome.lost().size(), (System.nanoTime() - started) / 1e9));
            if (!outcome.left().isEmpty() || !outcome.lost().isEmpty()) {
                failures.add(label + ": left " + outcome.left() + ", lost " + outcome.lost());
            }
            boolean nextUsesThisVm = i + 1 < CASES.size() && CASES.get(i + 1).prepare().equals("same-vm");
            if (!nextUsesThisVm && c.command().equals("vm:export")) {
                source = WORK.resolve("pkg-source-" + TestGuest.random(4)); // the imports' package: this VM, exported completely
                scene.ok(CrashScene.run(platform, PASSPHRASE + "\n", "vm:export", name, source.toString()));
            }
            scene.removeCase(name, pkg, !nextUsesThisVm);
        }
        assertEquals("every case halts, loses nothing and leaves nothing after the repair", List.of(), failures);
    }

    @Test
    public void qemuImgOnAFullFileSystemFailsInOneLineAndLeavesNothing() {
        long started = System.nanoTime();
        TestPlatform.createSearchable(state);
        LoopFileSystem disks = track(LoopFileSystem.mount(state.resolve("disks"), 32));
        disks.fillLeaving(512);
        String name = scene.name("it-full");
        OneShot.Result full = CrashScene.run(platform, "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", name);
        assertFullFileSystemError(full, state.resolve("disks").toString(), "disk:delete");
        List<String> left = new ArrayList<>(disks.written());
        left.addAll(scene.keysWithoutDisk());
        if (Host.systemDomains().contains(name)) {
            left.add("domain " + name);
        }
        REPORT.add(new ReliabilityReport.Row("vm:create", "disk full in `qemu-img create` (512 KiB free)", "refused: " + firstLine(full.err()), 0,
                left.size(), 0, (System.nanoTime() - started) / 1e9));
        assertEquals("nothing half-written on the full file system, no key without its disk", List.of(), left);
    }

    @Test
    public void anExportOnAFullFileSystemFailsInOneLineAndLeavesNothing() {
        long started = System.nanoTime();
        TestPlatform.createSearchable(state);
        String name = scene.name("it-full-exp");
        scene.ok(CrashScene.run(platform, "", "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", name));
        LoopFileSystem target = track(LoopFileSystem.mount(WORK.resolve("full-target-" + TestGuest.random(2)), 32));
        target.fillLeaving(64); // less than the disk's copy needs
        OneShot.Result full = CrashScene.run(platform, PASSPHRASE + "\n", "vm:export", name, target.path().resolve("pkg").toString());
        assertFullFileSystemError(full, target.path().resolve("pkg").toString(), "export to");
        List<String> left = new ArrayList<>(target.written());
        left.addAll(Host.tree(state.resolve("disks")).stream().filter(f -> !f.startsWith(name + "-0.qcow2")).toList());
        left.addAll(Host.tree(state.resolve("journal")));
        REPORT.add(new ReliabilityReport.Row("vm:export", "target full while the disk is copied (64 KiB free)", "refused: " + firstLine(full.err()), 0,
                left.size(), 0, (System.nanoTime() - started) / 1e9));
        assertEquals("no half-written package, no copy in the pool, no journal record", List.of(), left);
    }

    /** Exit 1 with one line that names the full file system and what to do. */
    private static void assertFullFileSystemError(OneShot.Result result, String where, String fix) {
        assertEquals(result.toString(), 1, result.exit());
        String err = result.err().strip();
        assertTrue("one line naming the problem and the fix: " + result,
                err.lines().count() == 1 && err.contains("no space left on the file system of " + where) && err.contains(fix));
    }

    /** The first line of {@code text}, shorter for the table: the run's work directory as {@code …}. */
    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").replace(WORK.toString(), "…").replace("|", "\\|");
    }

    private <T extends AutoCloseable> T track(T resource) {
        mounts.add(resource);
        return resource;
    }

    /** Removes the domains, disks, keys and mounts the test made, also after a failure. */
    @After
    public void cleanUp() throws Exception {
        for (AutoCloseable mount : mounts) {
            mount.close();
        }
        scene.removeEverything();
        Host.quietly("sh", "-c", "rm -rf '" + state + "' '" + WORK + "'/pkg-*");
    }

    @AfterClass
    public static void writeFigures() {
        REPORT.write(WORK.getParent());
    }
}
