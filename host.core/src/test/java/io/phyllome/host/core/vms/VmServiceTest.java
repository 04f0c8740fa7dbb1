package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.core.profiles.FakeProfile;
import io.phyllome.host.core.profiles.FakeProfiles;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/** {@link VmService} against hand-written fakes that record every call in one journal. */
class VmServiceTest {

    static final HostCapabilities HOST = FakeProfiles.HOST;

    /** Every call to the fakes, in order, e.g. "storage.create vm1#0" or "hypervisor.define vm1". */
    final List<String> journal = Collections.synchronizedList(new ArrayList<>()); // two creations run at once in one test
    FakeHypervisor hypervisor;
    FakeStorage storage;
    FakeProfiles profiles;
    VmService service;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        hypervisor = new FakeHypervisor();
        storage = new FakeStorage();
        profiles = new FakeProfiles();
        service = new VmService(hypervisor, storage, profiles, new VmCreation(hypervisor, storage, profiles, new EmptyMediaLibrary(), StateLocks.in(dir)));
    }

    // --- create: success ---------------------------------------------------------------------

    @Test
    void createsDisksThenDefinesTheDomainWithTheProfilesRecommendation() {
        FakeProfile linux = profiles.add(new FakeProfile("linux", (ctx, dev) -> dev.video(VideoModel.VIRTIO).warn("be careful")));

        VmInfo vm = service.create(VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25)))
                .disk(new DiskSpec(ByteSize.ofGiB(5), false)).build());

        assertEquals(List.of("storage.create vm1#0 25G encrypted", "storage.create vm1#1 5G plain", "hypervisor.define vm1",
                "storage.confirm /pool/vm1-0.qcow2", "storage.confirm /pool/vm1-1.qcow2"), mutations(), "disks are confirmed once the VM refers to them");
        DomainDefinition defined = hypervisor.definitions.get(0);
        assertEquals(ByteSize.ofGiB(4), defined.spec().memory().orElseThrow(), "memory comes from the recommendation");
        assertEquals(2, defined.spec().cpus(), "CPUs come from the recommendation");
        assertEquals(List.copyOf(storage.created), defined.volumes(), "volumes are handed over in disk order");
        assertSame(linux.descriptor(), defined.profile());
        assertEquals(VideoModel.VIRTIO, defined.devices().video());
        assertEquals(1, linux.contributions, "the profile chooses devices once");
        assertEquals(ByteSize.ofGiB(4), linux.seen.spec().memory().orElseThrow(), "the profile sees the resolved spec");
        assertSame(HOST, linux.seen.host());

        assertEquals("vm1", vm.name());
        assertEquals("linux", vm.profile());
        assertTrue(vm.profileInstalled());
        assertEquals(2, vm.disks().size());
        assertEquals(List.of("warning: be careful"), vm.findings());
    }

    @Test
    void keepsTheUsersResourcesAndWarnsWhenBelowTheRecommendation() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        VmInfo vm = service.create(VmSpec.builder("linux", "small").memory(ByteSize.ofMiB(512)).cpus(1).build());

        DomainDefinition defined = hypervisor.definitions.get(0);
        assertEquals(ByteSize.ofMiB(512), defined.spec().memory().orElseThrow());
        assertEquals(1, defined.spec().cpus());
        assertEquals(2, vm.findings().size(), vm.findings()::toString);
        assertTrue(vm.findings().get(0).contains("512M of memory is below the 4G recommended for linux profile"), vm.findings().get(0));
        assertTrue(vm.findings().get(1).contains("1 CPUs are fewer than the 2 recommended"), vm.findings().get(1));
    }

    // --- create: refused before anything is created ------------------------------------------

    @Test
    void unknownProfileListsTheInstalledOnesAndCreatesNothing() {
        profiles.add(new FakeProfile("windows-11", (ctx, dev) -> { }));
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> service.create(VmSpec.builder("nope", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25))).build()));

        assertEquals(List.of("profile"), fields(e));
        assertTrue(e.getMessage().contains("unknown profile 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("the installed profiles are linux, windows-11"), e.getMessage());
        assertTrue(e.getMessage().contains("profile:list"), e.getMessage());
        assertTrue(e.getMessage().contains("profile:available") && e.getMessage().contains("profile:install nope"), e.getMessage());
        assertNothingCreated();
    }

    @Test
    void unknownProfileOnAHostWithoutProfilesSaysNone() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.create(VmSpec.builder("linux", "vm1").build()));
        assertTrue(e.getMessage().contains("the installed profiles are none"), e.getMessage());
        assertNothingCreated();
    }

    @Test
    void requestProblemsAndAnUnknownProfileAreReportedTogether() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> service.create(VmSpec.builder("nope", "bad/name").cpus(99).build()));

        assertEquals(List.of("name", "cpus", "profile"), fields(e));
        assertTrue(e.problems().get(0).startsWith("VM name"), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("99 CPUs"), e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith("unknown profile 'nope'"), e.problems().get(2));
        assertEquals(String.join("; ", e.problems()), e.getMessage());
        assertNothingCreated();
    }

    @Test
    void missingInstallMediumCreatesNothing() {
        FakeProfile linux = profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .disk(DiskSpec.of(ByteSize.ofGiB(25))).installMedia(dir.resolve("gone.iso")).build()));

        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(List.of("iso"), fields(e));
        assertEquals(0, linux.contributions);
        assertNothingCreated();
    }

    @Test
    void anExistingNameIsRefusedWithTheFix() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));

        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> service.create(VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25))).build()));

        assertTrue(e.getMessage().contains("a VM named 'vm1' already exists"), e.getMessage());
        assertTrue(e.getMessage().contains("vm:delete vm1"), e.getMessage());
        assertEquals(List.of("name"), fields(e));
        assertNothingCreated();
    }

    @Test
    void anExplicitZeroCpusIsRefusedNotTakenForTheRecommendation() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.create(VmSpec.builder("linux", "vm1").cpus(0).build()));

        assertTrue(e.getMessage().contains("0 CPUs: a VM needs at least 1"), e.getMessage());
        assertEquals(List.of("cpus"), fields(e));
        assertNothingCreated();
    }

    @Test
    void ofTwoCreationsOfOneNameAtOnceTheSecondWaitsAndIsRefusedLeavingTheFirstsDisk() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        service = new VmService(hypervisor, storage, profiles, new VmCreation(hypervisor, storage, profiles, new EmptyMediaLibrary(), new StateLocks(dir, Duration.ofSeconds(20), notices::add)));
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        profiles.add(new FakeProfile("linux", (ctx, dev) -> {
            firstInside.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        VmSpec spec = VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25))).build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<VmInfo> first = threads.submit(() -> service.create(spec));
            assertTrue(firstInside.await(10, TimeUnit.SECONDS), "the first creation chooses devices");
            Future<VmInfo> second = threads.submit(() -> service.create(spec));
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); notices.isEmpty() && System.nanoTime() < end;) {
                Thread.sleep(10);
            }
            assertEquals(List.of("waiting for another command of this platform creating VM 'vm1' ..."), notices);
            release.countDown();

            assertEquals("vm1", first.get(10, TimeUnit.SECONDS).name());
            ExecutionException refused = assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
            assertInstanceOf(InvalidSpecException.class, refused.getCause());
            assertTrue(refused.getCause().getMessage().contains("a VM named 'vm1' already exists"), refused.getCause().getMessage());
            assertEquals(List.of("storage.create vm1#0 25G encrypted", "hypervisor.define vm1", "storage.confirm /pool/vm1-0.qcow2"), mutations(),
                    "the second creation neither made nor removed a disk");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void belowTheProfilesMinimumCreatesNothing() {
        FakeProfile linux = profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .memory(ByteSize.ofMiB(64)).disk(DiskSpec.of(ByteSize.ofMiB(100))).build()));

        assertEquals(List.of("memory", "disk"), fields(e));
        assertTrue(e.problems().get(0).contains("give --memory 256M or more"), e.problems().get(0));
        assertTrue(e.problems().get(1).contains("give --disk 1G or more"), e.problems().get(1));
        assertEquals(0, linux.contributions, "the profile is not asked for devices");
        assertNothingCreated();
    }

    /**
     * BUG (VmService.create): SpecValidator.checkRequest checks the user's memory and CPUs against
     * the host, but the profile's recommendation filled in by withDefaults() is never checked, so on
     * a 2 GiB / 1 CPU host "vm:create linux vm1" defines a 4 GiB / 2 CPU domain while "--memory 4G"
     * is refused. Either refusal (nothing created) or clamping to the host satisfies this test.
     */
    @Test
    void neverDefinesMoreThanTheHostHasWhenUsingTheRecommendation() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        hypervisor.host = new HostCapabilities("test:///small", "fake 1.0", "x86_64", true, "", List.of("q35"), true, true, true,
                ByteSize.ofGiB(2), 1, Set.of(), "");

        try {
            service.create(VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25))).build());
        } catch (InvalidSpecException refused) {
            assertNothingCreated();
            return;
        }
        DomainDefinition defined = hypervisor.definitions.get(0);
        assertTrue(defined.spec().memory().orElseThrow().compareTo(ByteSize.ofGiB(2)) <= 0, "memory " + defined.spec().memory());
        assertTrue(defined.spec().cpus() <= 1, "cpus " + defined.spec().cpus());
    }

    // --- create: the profile fails ----------------------------------------------------------

    @Test
    void aProfileThatThrowsBecomesAVmExceptionNamingTheProfileAndCreatesNothing() {
        IllegalStateException bug = new IllegalStateException("index out of whack");
        profiles.add(new FakeProfile("flaky", (ctx, dev) -> {
            throw bug;
        }));

        VmException e = assertThrows(VmException.class,
                () -> service.create(VmSpec.builder("flaky", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25))).build()));

        assertFalse(e instanceof InvalidSpecException, "a broken profile is not the user's mistake");
        assertTrue(e.getMessage().contains("profile 'flaky' failed to choose devices"), e.getMessage());
        assertTrue(e.getMessage().contains("index out of whack"), e.getMessage());
        assertTrue(e.getMessage().contains("use another profile"), e.getMessage());
        assertSame(bug, e.getCause());
        assertNothingCreated();
    }

    @Test
    void aProfileExceptionReachesTheUserUnchangedAndCreatesNothing() {
        ProfileException missing = new ProfileException("profile 'linux' needs UEFI firmware: install the ovmf package");
        profiles.add(new FakeProfile("linux", (ctx, dev) -> {
            throw missing;
        }));

        VmException e = assertThrows(VmException.class,
                () -> service.create(VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(25))).build()));

        assertSame(missing, e);
        assertNothingCreated();
    }

    // --- create: rollback --------------------------------------------------------------------

    @Test
    void defineFailingDeletesEveryVolumeCreatedSoFar() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        VmException refused = new VmException("libvirt says no");
        hypervisor.failDefine = refused;

        VmException e = assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .disk(DiskSpec.of(ByteSize.ofGiB(25))).disk(DiskSpec.of(ByteSize.ofGiB(2))).disk(new DiskSpec(ByteSize.ofGiB(3), false))
                .build()));

        assertSame(refused, e);
        assertEquals(List.of("storage.create vm1#0 25G encrypted", "storage.create vm1#1 2G encrypted", "storage.create vm1#2 3G plain",
                "hypervisor.define vm1", "storage.delete /pool/vm1-0.qcow2", "storage.delete /pool/vm1-1.qcow2",
                "storage.delete /pool/vm1-2.qcow2"), mutations());
        assertEquals(List.of(), storage.list(), "no volume is left behind");
        assertTrue(hypervisor.domains.isEmpty());
    }

    @Test
    void aDefinitionThatHappenedAlthoughItsAnswerWasLostKeepsItsDisks() {
        // libvirt defined the VM and restarted before it answered: the disks are the VM's now
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        hypervisor.failDefineAfterDefining = new VmException("libvirt restarted during the request to define VM 'vm1'");

        assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1").disk(DiskSpec.of(ByteSize.ofGiB(2))).build()));

        assertEquals(List.of("storage.create vm1#0 2G encrypted", "hypervisor.define vm1"), mutations(), "no disk of the defined VM is deleted");
        assertEquals(1, storage.list().size());
        assertTrue(hypervisor.domains.containsKey("vm1"));
    }

    @Test
    void aFailingSecondDiskDeletesTheFirst() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        storage.failAtIndex = 1;

        VmException e = assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .disk(DiskSpec.of(ByteSize.ofGiB(25))).disk(DiskSpec.of(ByteSize.ofGiB(2))).build()));

        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(List.of("storage.create vm1#0 25G encrypted", "storage.create vm1#1 2G encrypted", "storage.delete /pool/vm1-0.qcow2"),
                mutations());
        assertEquals(List.of(), storage.list());
        assertTrue(hypervisor.definitions.isEmpty(), "nothing is defined");
    }

    @Test
    void aFailingCleanupIsAttachedToTheOriginalErrorAndTheOtherVolumesAreStillDeleted() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        VmException refused = new VmException("libvirt says no");
        hypervisor.failDefine = refused;
        storage.failDeleteOf = "/pool/vm1-0.qcow2";

        VmException e = assertThrows(VmException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .disk(DiskSpec.of(ByteSize.ofGiB(25))).disk(DiskSpec.of(ByteSize.ofGiB(2))).build()));

        assertSame(refused, e, "the user sees why creation failed, not why cleanup failed");
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("busy"), e.getSuppressed()[0].getMessage());
        assertTrue(journal.contains("storage.delete /pool/vm1-1.qcow2"), journal::toString);
    }

    // --- delete ------------------------------------------------------------------------------

    @Test
    void deleteStopsUndefinesThenRemovesOnlyManagedDisks() throws IOException {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(25)));
        Volume data = storage.create("vm1", 1, DiskSpec.of(ByteSize.ofGiB(5)));
        Volume foreign = storage.create("other", 0, DiskSpec.of(ByteSize.ofGiB(5)));
        String iso = Files.createFile(dir.resolve("install.iso")).toString();
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.RUNNING, "linux", ByteSize.ofGiB(4), 2, List.of(
                new VmDisk("vda", system.path(), false, true, true),
                new VmDisk("vdb", data.path(), false, true, true),
                // attached by hand: the platform knows the volume, but did not create it for this VM
                new VmDisk("vdc", foreign.path(), false, true, false),
                new VmDisk("sda", iso, true, false, false))));
        journal.clear();

        service.delete("vm1", false);

        assertEquals(List.of("hypervisor.forceStop vm1", "hypervisor.undefine vm1", "storage.delete " + system.path(),
                "storage.delete " + data.path()), mutations());
        assertEquals(List.of(foreign), storage.list(), "an unmanaged disk survives");
        assertTrue(Files.exists(Path.of(iso)));
    }

    // --- disks ------------------------------------------------------------------------------

    @Test
    void aDiskAnotherVmStillUsesIsKeptWhenItsVmIsDeleted() {
        Volume shared = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(5)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", shared.path(), false, true, true))));
        hypervisor.put(new Domain("vm2", "uuid-2", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vdb", shared.path(), false, true, false))));

        service.delete("vm1", false);

        assertEquals(List.of(shared), storage.list(), "vm2 still uses the disk");
        VmException e = assertThrows(VmException.class, () -> service.deleteDisk(shared.path()));
        assertTrue(e.getMessage().contains("used by VM vm2"), e.getMessage());
    }

    @Test
    void anAddedDiskWhoseAttachFailsIsRemovedAgain() {
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2, List.of()));
        hypervisor.failAttach = new VmException("libvirt could not attach");

        assertThrows(VmException.class, () -> service.addDisk("vm1", DiskSpec.of(ByteSize.ofGiB(1))));

        assertEquals(List.of(), storage.list(), "no orphan volume");
    }

    @Test
    void anAddedDiskIsConfirmedOnlyOnceItIsAttached() {
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2, List.of()));
        journal.clear();

        service.addDisk("vm1", DiskSpec.of(ByteSize.ofGiB(1)));

        assertEquals(List.of("storage.create vm1#0 1G encrypted", "hypervisor.attachDisk vm1 /pool/vm1-0.qcow2", "storage.confirm /pool/vm1-0.qcow2"),
                mutations());
    }

    @Test
    void disksOnlyGrow() {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(5)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", system.path(), false, true, true))));

        VmException e = assertThrows(VmException.class, () -> service.resizeDisk("vm1", "vda", ByteSize.ofGiB(4)));
        assertTrue(e.getMessage().contains("disks only grow"), e.getMessage());
        assertThrows(VmException.class, () -> service.resizeDisk("vm1", "vdz", ByteSize.ofGiB(6)));
        service.resizeDisk("vm1", "vda", ByteSize.ofGiB(6));
        assertTrue(journal.contains("hypervisor.resizeDisk vm1 vda 6G"), journal.toString());
    }

    @Test
    void anOptionTheProfileDoesNotKnowIsRefusedBeforeAnythingIsCreated() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.create(
                VmSpec.builder("linux", "vm1").option("tmp", "on").disk(DiskSpec.of(ByteSize.ofGiB(25))).build()));

        assertTrue(e.getMessage().contains("has no option 'tmp'"), e.getMessage());
        assertEquals(List.of("options/tmp"), fields(e));
        assertNothingCreated();
    }

    @Test
    void aMissingKernelAndABadCommandLinePointAtTheirFields() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.create(VmSpec.builder("linux", "vm1")
                .directBoot(new DirectBoot(dir.resolve("vmlinuz"), null, "console=ttyS0\u0007")).build()));

        assertEquals(List.of("cmdline", "kernel"), fields(e));
        assertTrue(e.problems().get(1).contains("kernel " + dir.resolve("vmlinuz") + " does not exist"), e.problems().get(1));
        assertNothingCreated();
    }

    @Test
    void aDiskTooSmallToAddPointsAtTheDisk() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> service.addDisk("vm1", DiskSpec.of(ByteSize.parse("512K"))));

        assertEquals(List.of("disk"), fields(e));
        assertTrue(e.getMessage().contains("disk size 512K is too small"), e.getMessage());
    }

    /** The fields the problems of {@code e} are about, in order. */
    private static List<String> fields(InvalidSpecException e) {
        return e.problemsWithFields().stream().map(InvalidSpecException.Problem::field).toList();
    }

    @Test
    void deleteOfAStoppedVmDoesNotStopIt() {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(25)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", system.path(), false, true, true))));
        journal.clear();

        service.delete("vm1", false);

        assertEquals(List.of("hypervisor.undefine vm1", "storage.delete " + system.path()), mutations());
    }

    @Test
    void deleteKeepingDisksOnlyUndefines() {
        Volume system = storage.create("vm1", 0, DiskSpec.of(ByteSize.ofGiB(25)));
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.PAUSED, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", system.path(), false, true, true))));
        journal.clear();

        service.delete("vm1", true);

        assertEquals(List.of("hypervisor.forceStop vm1", "hypervisor.undefine vm1"), mutations());
        assertEquals(List.of(system), storage.list());
    }

    @Test
    void deleteOfAManagedDiskUnknownToStorageIsSkipped() {
        hypervisor.put(new Domain("vm1", "uuid-1", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(4), 2,
                List.of(new VmDisk("vda", "/pool/already-gone.qcow2", false, true, true))));
        journal.clear();

        service.delete("vm1", false);

        assertEquals(List.of("hypervisor.undefine vm1"), mutations());
    }

    @Test
    void deleteOfAnUnknownVmChangesNothing() {
        NoSuchVmException e = assertThrows(NoSuchVmException.class, () -> service.delete("ghost", false));
        assertTrue(e.getMessage().contains("no VM named 'ghost'"), e.getMessage());
        assertTrue(e.getMessage().contains("vm:list"), e.getMessage());
        assertEquals(List.of(), mutations());
    }

    // --- lifecycle and info ------------------------------------------------------------------

    @Test
    void startRefusesARunningVm() {
        hypervisor.put(domain("vm1", VmState.RUNNING, "linux"));
        VmException e = assertThrows(VmException.class, () -> service.start("vm1"));
        assertEquals("VM 'vm1' is already running", e.getMessage());
        assertEquals(List.of(), mutations());
    }

    @Test
    void startStartsAStoppedVm() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        service.start("vm1");
        assertEquals(List.of("hypervisor.start vm1"), mutations());
    }

    @Test
    void stopAndShutdownRefuseAStoppedVmNamingTheFix() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        VmException stop = assertThrows(VmException.class, () -> service.stop("vm1"));
        assertEquals("VM 'vm1' is shut-off: start it with vm:start vm1", stop.getMessage());
        assertThrows(VmException.class, () -> service.shutdown("vm1"));
        assertEquals(List.of(), mutations());
    }

    @Test
    void autostartIsTheHypervisorsFlagOfAnExistingVm() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        service.setAutostart("vm1", true);
        assertTrue(service.autostart("vm1"));
        service.setAutostart("vm1", false);
        assertFalse(service.autostart("vm1"));
        assertEquals(List.of("hypervisor.setAutostart vm1 true", "hypervisor.setAutostart vm1 false"), mutations());
        assertThrows(VmException.class, () -> service.setAutostart("nope", true));
    }

    @Test
    void stopForcesAndShutdownAsks() {
        hypervisor.put(domain("vm1", VmState.RUNNING, "linux"));
        service.shutdown("vm1");
        service.stop("vm1");
        assertEquals(List.of("hypervisor.shutdown vm1", "hypervisor.forceStop vm1"), mutations());
    }

    @Test
    void infoWarnsWhenTheVmsProfileIsNotInstalled() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        hypervisor.put(domain("win", VmState.SHUT_OFF, "windows-11"));
        hypervisor.put(domain("tux", VmState.SHUT_OFF, "linux"));
        hypervisor.put(domain("foreign", VmState.SHUT_OFF, ""));

        VmInfo win = service.info("win");
        assertFalse(win.profileInstalled());
        assertEquals(1, win.findings().size());
        assertTrue(win.findings().get(0).contains("'windows-11' is not installed"), win.findings().get(0));

        assertTrue(service.info("tux").profileInstalled());
        assertEquals(List.of(), service.info("tux").findings());

        VmInfo foreign = service.info("foreign");
        assertFalse(foreign.profileInstalled());
        assertEquals(List.of(), foreign.findings(), "a VM the platform did not create is not warned about");

        assertEquals(List.of("foreign", "tux", "win"), service.list().stream().map(VmInfo::name).toList());
    }

    @Test
    void definitionOfAnUnknownVmIsNoSuchVm() {
        assertThrows(NoSuchVmException.class, () -> service.definition("ghost"));
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        assertEquals("<domain name='vm1'/>", service.definition("vm1"));
    }

    // --- helpers and fakes -------------------------------------------------------------------

    /** The journal without read-only calls. */
    private List<String> mutations() {
        return journal.stream().filter(call -> !call.startsWith("hypervisor.find") && !call.startsWith("hypervisor.capabilities")
                && !call.startsWith("hypervisor.list") && !call.startsWith("hypervisor.describe") && !call.startsWith("storage.find")
                && !call.startsWith("storage.list")).toList();
    }

    private void assertNothingCreated() {
        assertEquals(List.of(), mutations(), "nothing may be created or changed");
        assertTrue(storage.created.isEmpty());
        assertTrue(hypervisor.definitions.isEmpty());
    }

    private static Domain domain(String name, VmState state, String profile) {
        return new Domain(name, "uuid-" + name, state, profile, ByteSize.ofGiB(1), 1, List.of());
    }

    final class FakeHypervisor implements Hypervisor {
        final Map<String, Domain> domains = new TreeMap<>();
        final List<DomainDefinition> definitions = new ArrayList<>();
        RuntimeException failDefine;
        /** Thrown after the domain was defined, as when libvirt restarted before it answered. */
        RuntimeException failDefineAfterDefining;
        RuntimeException failAttach;
        HostCapabilities host = HOST;

        void put(Domain domain) {
            domains.put(domain.name(), domain);
        }

        @Override
        public HostCapabilities capabilities() {
            journal.add("hypervisor.capabilities");
            return host;
        }

        @Override
        public Domain define(DomainDefinition definition) {
            String name = definition.spec().name();
            journal.add("hypervisor.define " + name);
            definitions.add(definition);
            if (failDefine != null) {
                throw failDefine;
            }
            List<VmDisk> disks = new ArrayList<>();
            for (Volume v : definition.volumes()) {
                disks.add(new VmDisk("vd" + (char) ('a' + disks.size()), v.path(), false, v.encrypted(), true));
            }
            Domain domain = new Domain(name, "uuid-" + name, VmState.SHUT_OFF, definition.profile().id(),
                    definition.spec().memory().orElseThrow(), definition.spec().cpus(), disks);
            put(domain);
            if (failDefineAfterDefining != null) {
                throw failDefineAfterDefining;
            }
            return domain;
        }

        @Override
        public Optional<Domain> find(String name) {
            journal.add("hypervisor.find " + name);
            return Optional.ofNullable(domains.get(name));
        }

        @Override
        public List<Domain> list() {
            journal.add("hypervisor.list");
            return List.copyOf(domains.values());
        }

        @Override
        public void start(String name) {
            journal.add("hypervisor.start " + name);
        }

        @Override
        public void shutdown(String name) {
            journal.add("hypervisor.shutdown " + name);
        }

        @Override
        public void forceStop(String name) {
            journal.add("hypervisor.forceStop " + name);
        }

        final java.util.Set<String> autostart = new java.util.TreeSet<>();

        @Override
        public boolean autostart(String name) {
            return autostart.contains(name);
        }

        @Override
        public void setAutostart(String name, boolean on) {
            journal.add("hypervisor.setAutostart " + name + " " + on);
            if (on) {
                autostart.add(name);
            } else {
                autostart.remove(name);
            }
        }

        @Override
        public void undefine(String name) {
            journal.add("hypervisor.undefine " + name);
            domains.remove(name);
        }

        @Override
        public String nativeDefinition(String name) {
            journal.add("hypervisor.describe " + name);
            return "<domain name='" + name + "'/>";
        }

        @Override
        public byte[] screenshot(String name) {
            journal.add("hypervisor.screenshot " + name);
            return new byte[0];
        }

        @Override
        public List<String> useVirtio(String name) {
            journal.add("hypervisor.useVirtio " + name);
            return List.of();
        }

        @Override
        public String attachDisk(String name, Volume volume) {
            journal.add("hypervisor.attachDisk " + name + " " + volume.path());
            if (failAttach != null) {
                throw failAttach;
            }
            return "vdb";
        }

        @Override
        public void resizeDisk(String name, String target, ByteSize size) {
            journal.add("hypervisor.resizeDisk " + name + " " + target + " " + size);
        }

        @Override
        public io.phyllome.host.vm.VmSpec spec(String name) {
            throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
        }

        @Override
        public Optional<java.nio.file.Path> firmwareVariables(String name) {
            throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
        }

        @Override
        public void restoreFirmwareVariables(String name, java.nio.file.Path file) {
            throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
        }
    }

    final class FakeStorage implements Storage {
        @Override
        public byte[] exportCopy(Volume volume, java.nio.file.Path target) {
            throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
        }

        @Override
        public Volume adopt(String vmName, int index, java.nio.file.Path source, byte[] key) {
            throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
        }

        final List<Volume> created = new ArrayList<>();
        final Map<String, Volume> volumes = new LinkedHashMap<>();
        int failAtIndex = -1;
        String failDeleteOf;

        @Override
        public Volume create(String vmName, int index, DiskSpec disk) {
            journal.add("storage.create " + vmName + "#" + index + " " + disk.size() + (disk.encrypted() ? " encrypted" : " plain"));
            if (index == failAtIndex) {
                throw new VmException("cannot create disk " + index + " of " + vmName + ": disk full");
            }
            String name = vmName + "-" + index + ".qcow2";
            Volume volume = new Volume("pool", name, "/pool/" + name, disk.size(), new ByteSize(0),
                    disk.encrypted() ? "secret-" + vmName + "-" + index : "");
            created.add(volume);
            volumes.put(volume.path(), volume);
            return volume;
        }

        @Override
        public void delete(Volume volume) {
            journal.add("storage.delete " + volume.path());
            if (volume.path().equals(failDeleteOf)) {
                throw new VmException("cannot delete " + volume.path() + ": busy");
            }
            assertNotNull(volumes.remove(volume.path()), "deleting a volume that does not exist: " + volume.path());
        }

        @Override
        public Optional<Volume> find(String path) {
            journal.add("storage.find " + path);
            return Optional.ofNullable(volumes.get(path));
        }

        @Override
        public List<Volume> list() {
            journal.add("storage.list");
            return List.copyOf(volumes.values());
        }

        @Override
        public void confirm(Volume volume) {
            journal.add("storage.confirm " + volume.path());
        }

        @Override
        public List<Volume> unconfirmed() {
            return List.of();
        }

        @Override
        public List<String> orphanKeys() {
            return List.of();
        }

        @Override
        public void removeOrphanKeys() {
            journal.add("storage.removeOrphanKeys");
        }
    }

    @Test
    void theFakesThemselvesBehave() {
        // guards the fakes the other tests rely on
        Volume v = storage.create("x", 0, DiskSpec.of(ByteSize.ofGiB(1)));
        assertTrue(v.encrypted());
        assertEquals(Optional.of(v), storage.find(v.path()));
        storage.delete(v);
        assertEquals(List.of(), storage.list());
        assertInstanceOf(Hypervisor.class, hypervisor);
    }

    /** A media library that holds nothing. */
    static final class EmptyMediaLibrary implements MediaLibrary {
        @Override
        public MediaFile importFile(Path source, String sha256, String name, java.util.function.IntConsumer progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MediaFile> list() {
            return List.of();
        }

        @Override
        public Optional<MediaFile> find(String name) {
            return Optional.empty();
        }

        @Override
        public void remove(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
