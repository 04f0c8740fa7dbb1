package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.phyllome.host.core.profiles.FakeProfile;
import io.phyllome.host.core.profiles.FakeProfiles;
import io.phyllome.host.core.profiles.ProfileFaults;
import io.phyllome.host.core.profiles.ProfileRegistry;
import io.phyllome.host.device.Finding;
import io.phyllome.host.diagnostics.ProfileDryRun;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;

/** The dry run behind host:check's profile lines: what each profile says, and that nothing is created. */
class ProfileProbeTest {

    private static final HostCapabilities SMALL_HOST = new HostCapabilities("test:///fake", "fake 1.0", "x86_64", false, "no vmx", List.of("q35"),
            true, false, true, ByteSize.ofGiB(2), 1, Set.of(), "");

    /** A hypervisor that tells its capabilities and fails the test on anything else. */
    private static Hypervisor capabilitiesOnly(HostCapabilities host) {
        return (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(), new Class<?>[] { Hypervisor.class }, (proxy, method, args) -> {
            if (method.getName().equals("capabilities")) {
                return host;
            }
            throw new AssertionError("a dry run called hypervisor." + method.getName());
        });
    }

    @Test
    void eachProfileSaysPassWarnOrFailWithTheRecommendationCutToTheHost() {
        FakeProfiles profiles = new FakeProfiles();
        FakeProfile linux = profiles.add(new FakeProfile("linux",
                (ctx, dev) -> dev.finding(Finding.Severity.INFO, "runs emulated")));
        profiles.add(new FakeProfile("windows-11", (ctx, dev) -> {
            if (!ctx.host().secureBoot()) {
                throw new ProfileException("profile 'windows-11' needs UEFI firmware with Secure Boot, which this host lacks: install the ovmf package");
            }
        }));
        profiles.add(new FakeProfile("other", (ctx, dev) -> dev.warn("no virtio drivers")));

        List<ProfileDryRun.Outcome> outcomes = new ProfileProbe(capabilitiesOnly(SMALL_HOST), profiles, new EmptyMediaLibrary()).run();

        assertEquals(List.of("linux", "other", "windows-11"), outcomes.stream().map(ProfileDryRun.Outcome::profile).toList());
        ProfileDryRun.Outcome l = outcomes.get(0);
        assertEquals("", l.problem());
        assertEquals("2G, 1 CPUs", l.resources(), "the recommended 4G and 2 CPUs, cut to what the host has");
        assertEquals(List.of("runs emulated"), l.notes());
        assertEquals(2, l.warnings().size(), "below the recommendation: " + l.warnings());
        assertEquals(ByteSize.ofGiB(25), linux.seen.spec().disks().get(0).size(), "the probe has the recommended disk");
        assertTrue(outcomes.get(1).warnings().contains("no virtio drivers"), outcomes.get(1).warnings()::toString);
        assertTrue(outcomes.get(2).problem().contains("install the ovmf package"), outcomes.get(2).problem());
    }

    @Test
    void aMisbehavingProfileIsMarkedFaultyAndSkippedAfterwards() {
        FakeProfiles profiles = new FakeProfiles();
        FakeProfile broken = profiles.add(new FakeProfile("broken", (ctx, dev) -> {
            throw new NullPointerException("oops");
        }));
        RecordingProfiles recording = new RecordingProfiles(profiles);
        ProfileProbe dryRun = new ProfileProbe(capabilitiesOnly(SMALL_HOST), recording, new EmptyMediaLibrary());

        ProfileDryRun.Outcome outcome = dryRun.run().get(0);

        assertTrue(outcome.problem().contains("profile 'broken' failed to choose devices"), outcome.problem());
        assertTrue(recording.faults().containsKey("broken"));
        assertEquals(List.of(), dryRun.run(), "a faulty profile is reported as such, not probed again");
        assertEquals(1, broken.contributions);
    }

    /** Profiles that remember faults, as ProfileRegistry does. */
    private static final class RecordingProfiles implements io.phyllome.host.profile.Profiles, ProfileFaults {
        private final io.phyllome.host.profile.Profiles delegate;
        private final java.util.Map<String, String> faults = new java.util.TreeMap<>();

        RecordingProfiles(io.phyllome.host.profile.Profiles delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<io.phyllome.host.profile.ProfileDescriptor> list() {
            return delegate.list();
        }

        @Override
        public java.util.Optional<io.phyllome.host.profile.GuestProfile> find(String id) {
            return delegate.find(id);
        }

        @Override
        public java.util.Map<String, String> faults() {
            return faults;
        }

        @Override
        public void faulty(String id, String reason) {
            faults.put(id, reason);
        }
    }
}
