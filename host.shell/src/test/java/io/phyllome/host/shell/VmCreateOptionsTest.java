package io.phyllome.host.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phyllome.host.profile.Profiles;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmPortability;

/** vm:create names what it cannot read by its options, before it asks the service for anything. */
class VmCreateOptionsTest {

    private final List<String> calls = new ArrayList<>();

    /** A service of {@code type} that records each call and has nothing (no profile, no VM). */
    private <T> T nothing(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            calls.add(method.getName());
            return method.getReturnType() == Optional.class ? Optional.empty() : null;
        }));
    }

    private InvalidSpecException refused(String memory, String cpus, String disk, String initrd, String options) {
        VmCommands commands = new VmCommands(nothing(VirtualMachines.class), nothing(Profiles.class), nothing(VmPortability.class));
        return assertThrows(InvalidSpecException.class,
                () -> commands.create(memory, cpus, disk, false, "", "", initrd, "", "", options, false, "linux", "vm1"));
    }

    @Test
    void badValuesAreNamedByTheirOptions() {
        InvalidSpecException e = refused("12X", "two", "none", "/boot/initrd.img", "");
        assertEquals(List.of("--memory: '12X' is not a size: write a whole number with an optional unit K, M, G or T, e.g. 512M or 4G",
                "--cpus: 'two' is not a whole number: give e.g. --cpus 2", "--initrd and --cmdline need --kernel"), e.problems());
        assertEquals(List.of("memory", "cpus", "kernel"), e.problemsWithFields().stream().map(InvalidSpecException.Problem::field).toList());
        assertEquals(List.of(), calls, "the service was not asked");
    }

    @Test
    void optionsMustBeKeyValuePairs() {
        assertEquals("--options: 'tpm' is not KEY=VALUE, e.g. --options tpm=on", refused("", "", "none", "", "tpm").getMessage());
        assertEquals(List.of("options/tpm"), refused("", "", "none", "", "tpm= ").problemsWithFields().stream()
                .map(InvalidSpecException.Problem::field).toList());
    }
}
