package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.phyllome.host.core.profiles.FakeProfile;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSpec;

/** {@link VmService#create} when the profile fails to choose devices: the user learns why, and nothing is created. */
class VmServiceProfileFailureTest extends VmServiceTest {

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
}
