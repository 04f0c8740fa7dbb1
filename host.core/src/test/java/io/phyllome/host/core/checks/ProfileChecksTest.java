package io.phyllome.host.core.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.diagnostics.HostValidation;
import io.phyllome.host.diagnostics.ProfileDryRun.Outcome;

class ProfileChecksTest {

    private static final List<Outcome> OUTCOMES = List.of(
            new Outcome("linux", "", List.of(), List.of("runs emulated"), "4G, 2 CPUs", false),
            new Outcome("windows-11", "", List.of("warning: 2 CPUs are fewer than the 4 recommended"), List.of(), "8G, 2 CPUs", false),
            new Outcome("windows-10", "needs UEFI firmware: install the ovmf package", List.of(), List.of(), "4G, 2 CPUs", false),
            new Outcome("macos-sonoma", "needs an OpenCore boot image", List.of(), List.of(), "8G, 2 CPUs", true));

    @Test
    void aProfileThatCanPassesOneWithWarningsOrWithoutItsUsersFilesWarnsOneThatCannotFails() {
        List<HostValidation.Check> checks = ProfileChecks.of(OUTCOMES, false);

        assertEquals(List.of(
                new HostValidation.Check(HostValidation.Status.PASS, "profile linux", "can create a VM (4G, 2 CPUs); runs emulated"),
                new HostValidation.Check(HostValidation.Status.WARN, "profile windows-11", "can create a VM (8G, 2 CPUs), but: 2 CPUs are fewer than the 4 recommended"),
                new HostValidation.Check(HostValidation.Status.FAIL, "profile windows-10", "cannot create a VM here (4G, 2 CPUs): needs UEFI firmware: install the ovmf package"),
                new HostValidation.Check(HostValidation.Status.WARN, "profile macos-sonoma",
                        "the host can run it, but a VM needs a file you provide (8G, 2 CPUs): needs an OpenCore boot image")),
                checks);
    }

    @Test
    void allowedPassthroughIsAlwaysAWarning() {
        HostValidation.Check first = ProfileChecks.of(OUTCOMES, true).get(0);

        assertEquals(HostValidation.Status.WARN, first.status());
        assertEquals("passthrough", first.subject());
        assertTrue(first.detail().contains("vm:lint NAME"), first.detail());
        assertEquals(List.of(), ProfileChecks.of(List.of(), false));
    }
}
