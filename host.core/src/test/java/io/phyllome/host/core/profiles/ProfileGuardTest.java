package io.phyllome.host.core.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSpec;

/** {@link ProfileGuard} and the faults {@link ProfileRegistry} keeps: a misbehaving profile is isolated and reported. */
class ProfileGuardTest {

    final ProfileRegistry registry = new ProfileRegistry();

    @Test
    void aWellBehavedProfileRunsOnItsOwnThreadAndIsNotFaulty() {
        String[] thread = new String[1];
        DeviceSet devices = run(profile("good", (ctx, dev) -> {
            thread[0] = Thread.currentThread().getName();
            dev.video(VideoModel.VIRTIO);
        }));
        assertEquals(VideoModel.VIRTIO, devices.video());
        assertEquals("phyllome-profile-good", thread[0]);
        assertTrue(registry.faults().isEmpty());
    }

    @Test
    void aProfileKnownToBeFaultyFailsAtOnceWithoutRunningAgain() {
        int[] runs = new int[1];
        GuestProfile bad = profile("bad", (ctx, dev) -> {
            runs[0]++;
            throw new IllegalStateException("the vendor's bug");
        });
        registry.addProfile(bad, Map.of());
        assertThrows(VmException.class, () -> run(bad));

        VmException again = assertThrows(VmException.class, () -> run(bad));
        assertEquals(1, runs[0], "a faulty profile is not run again");
        assertTrue(again.getMessage().contains("profile 'bad' is faulty: it threw") && again.getMessage().contains("the vendor's bug"),
                again.getMessage());
    }

    @Test
    void aProfileThatThrowsIsFaultyAndOthersAreNot() {
        IllegalStateException bug = new IllegalStateException("index out of whack");
        GuestProfile bad = profile("bad", (ctx, dev) -> {
            throw bug;
        });
        GuestProfile good = profile("good", (ctx, dev) -> dev.video(VideoModel.VIRTIO));
        registry.addProfile(bad, Map.of());
        registry.addProfile(good, Map.of());

        VmException e = assertThrows(VmException.class, () -> run(bad));
        assertSame(bug, e.getCause());
        assertTrue(e.getMessage().contains("profile 'bad' failed to choose devices"), e.getMessage());
        assertTrue(registry.faults().get("bad").contains("index out of whack"), registry.faults().toString());

        assertNotNull(run(good));
        assertEquals(List.of("bad"), List.copyOf(registry.faults().keySet()));
        assertEquals(List.of("bad", "good"), registry.list().stream().map(ProfileDescriptor::id).toList(), "a faulty profile stays listed");
    }

    @Test
    void aProfileExceptionIsTheProfilesAnswerNotAFault() {
        ProfileException refusal = new ProfileException("needs UEFI: install ovmf");
        VmException e = assertThrows(VmException.class, () -> run(profile("picky", (ctx, dev) -> {
            throw refusal;
        })));
        assertSame(refusal, e);
        assertTrue(registry.faults().isEmpty());
    }

    @Test
    void aProfileThatTakesTooLongIsFaultyAndInterrupted() {
        ProfileGuard guard = new ProfileGuard(new Faults(Duration.ofMillis(300), false));
        boolean[] interrupted = new boolean[1];
        GuestProfile slow = profile("slow", (ctx, dev) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
        });
        long start = System.nanoTime();
        VmException e = assertThrows(VmException.class, () -> guard.contribute(slow, "slow", context()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0, "returns after the limit");
        assertTrue(e.getMessage().contains("did not choose devices within 0.3 s"), e.getMessage());
        assertTrue(registry.faults().get("slow").contains("within"), registry.faults().toString());
        Osgi.await(() -> interrupted[0]);
    }

    @Test
    void anInvalidDeviceSetIsFaulty() {
        VmException e = assertThrows(VmException.class, () -> run(profile("sloppy", (ctx, dev) -> dev.firmware(Firmware.secureBootUefi())
                .medium(new Medium(Path.of("relative/drivers.iso"), DiskBus.SATA, true)))));
        assertTrue(e.getMessage().contains("invalid device set"), e.getMessage());
        String fault = registry.faults().get("sloppy");
        assertTrue(fault.contains("Secure Boot firmware needs SMM"), fault);
        assertTrue(fault.contains("relative/drivers.iso"), fault);
    }

    @Test
    void passthroughOnlyWhenTheHostAllowsIt() {
        GuestProfile greedy = profile("greedy", (ctx, dev) -> dev.cpu(CpuMode.HOST_PASSTHROUGH));
        VmException e = assertThrows(VmException.class, () -> run(greedy));
        assertTrue(e.getMessage().contains("host-passthrough CPU"), e.getMessage());
        assertTrue(registry.faults().containsKey("greedy"));

        DeviceSet allowed = new ProfileGuard(new Faults(Duration.ofSeconds(5), true)).contribute(greedy, "greedy", context());
        assertEquals(CpuMode.HOST_PASSTHROUGH, allowed.cpuMode());
    }

    @Test
    void aProfileWhoseDescriptorFailsIsReportedByComponentNameAndNotListed() {
        GuestProfile broken = new GuestProfile() {
            @Override
            public ProfileDescriptor descriptor() {
                throw new IllegalStateException("no descriptor today");
            }

            @Override
            public void contribute(ProfileContext context, DeviceSetBuilder devices) {
            }
        };
        registry.addProfile(broken, Map.of("component.name", "com.acme.Broken"));
        registry.addProfile(profile("good", (ctx, dev) -> { }), Map.of());
        assertEquals(List.of("good"), registry.list().stream().map(ProfileDescriptor::id).toList());
        assertTrue(registry.faults().get("com.acme.Broken").contains("no descriptor today"), registry.faults().toString());
        registry.removeProfile(broken, Map.of("component.name", "com.acme.Broken"));
        assertFalse(registry.faults().containsKey("com.acme.Broken"), "the fault goes with the service");
    }

    @Test
    void reRegisteringAProfileClearsItsFault() {
        GuestProfile bad = profile("bad", (ctx, dev) -> {
            throw new IllegalStateException("boom");
        });
        registry.addProfile(bad, Map.of());
        assertThrows(VmException.class, () -> run(bad));
        registry.removeProfile(bad, Map.of());
        assertTrue(registry.faults().isEmpty());
        registry.addProfile(profile("bad", (ctx, dev) -> { }), Map.of());
        assertTrue(registry.faults().isEmpty());
    }

    private DeviceSet run(GuestProfile profile) {
        return new ProfileGuard(registry).contribute(profile, profile.descriptor().id(), context());
    }

    /** A policy with its own limits that reports to the registry. */
    private final class Faults implements ProfileFaults {
        private final Duration timeout;
        private final boolean passthrough;

        Faults(Duration timeout, boolean passthrough) {
            this.timeout = timeout;
            this.passthrough = passthrough;
        }

        @Override
        public void faulty(String id, String reason) {
            registry.faulty(id, reason);
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public boolean passthroughAllowed() {
            return passthrough;
        }
    }

    private static final class Osgi {
        static void await(java.util.function.BooleanSupplier condition) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!condition.getAsBoolean()) {
                assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    static ProfileContext context() {
        return ProfileContext.of(VmSpec.builder("x", "vm1").build(), FakeProfiles.HOST, name -> Optional.empty());
    }

    static GuestProfile profile(String id, BiConsumer<ProfileContext, DeviceSetBuilder> behaviour) {
        ProfileDescriptor descriptor = new ProfileDescriptor(id, id, OsFamily.OTHER, List.of(),
                new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofGiB(1)), new Resources(ByteSize.ofGiB(1), 1, ByteSize.ofGiB(1)));
        return new GuestProfile() {
            @Override
            public ProfileDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public void contribute(ProfileContext context, DeviceSetBuilder devices) {
                behaviour.accept(context, devices);
            }
        };
    }
}
