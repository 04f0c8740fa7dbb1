package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.core.profiles.FakeProfiles;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VmState;

/**
 * {@link VmService} against hand-written fakes ({@link FakeHypervisor}, {@link FakeStorage} and
 * {@link FakeProfiles}) that record every call in one journal: the set-up and the checks its tests
 * share. Each subclass tests one of the service's jobs.
 */
abstract class VmServiceTest {

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
        hypervisor = new FakeHypervisor(journal);
        storage = new FakeStorage(journal);
        profiles = new FakeProfiles();
        service = new VmService(hypervisor, storage, profiles, new VmCreation(hypervisor, storage, profiles, new EmptyMediaLibrary(), StateLocks.in(dir)));
    }

    /** The journal without read-only calls. */
    List<String> mutations() {
        return journal.stream().filter(call -> !call.startsWith("hypervisor.find") && !call.startsWith("hypervisor.capabilities")
                && !call.startsWith("hypervisor.list") && !call.startsWith("hypervisor.describe") && !call.startsWith("storage.find")
                && !call.startsWith("storage.list")).toList();
    }

    void assertNothingCreated() {
        assertEquals(List.of(), mutations(), "nothing may be created or changed");
        assertTrue(storage.created.isEmpty());
        assertTrue(hypervisor.definitions.isEmpty());
    }

    static Domain domain(String name, VmState state, String profile) {
        return new Domain(name, "uuid-" + name, state, profile, ByteSize.ofGiB(1), 1, List.of());
    }

    /** The fields the problems of {@code e} are about, in order. */
    static List<String> fields(InvalidSpecException e) {
        return e.problemsWithFields().stream().map(InvalidSpecException.Problem::field).toList();
    }
}
