package io.phyllome.host.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** What vm:create and POST /vms turn a user's text into, and how they name a field that cannot be read. */
class VmSpecRequestTest {

    /** The profile linux recommends a 20G disk; other profiles are unknown. */
    private static final Function<String, Optional<ByteSize>> RECOMMENDED = id -> id.equals("linux") ? Optional.of(ByteSize.ofGiB(20)) : Optional.empty();
    private static final UnaryOperator<String> OPTION = field -> "--" + field;

    private static VmSpecRequest request(String memory, String cpus, String disk) {
        return new VmSpecRequest("vm1", "linux", memory, cpus, disk, true, null, null, null, null, null, null);
    }

    private static List<String> fields(InvalidSpecException e) {
        return e.problemsWithFields().stream().map(InvalidSpecException.Problem::field).toList();
    }

    @Test
    void unsetResourcesAreLeftToTheProfileAndTheDiskIsItsRecommendationEncrypted() {
        VmSpec spec = request(null, " ", "").spec(RECOMMENDED, OPTION);
        assertEquals(Optional.empty(), spec.memory());
        assertFalse(spec.cpusGiven());
        assertEquals(List.of(DiskSpec.of(ByteSize.ofGiB(20))), spec.disks());
        assertEquals(List.of(), request(null, null, null).spec(id -> Optional.empty(), OPTION).disks(), "an unknown profile recommends none: the service says so");
    }

    @Test
    void givenValuesAreParsedAndNoneMeansNoDisk() {
        VmSpec spec = new VmSpecRequest("vm1", "linux", "512M", "0", "none", true, "media/x.iso", "vmlinuz", "initrd.img", "console=ttyS0", "default",
                Map.of(" tpm ", " on ")).spec(RECOMMENDED, OPTION);
        assertEquals(Optional.of(ByteSize.ofMiB(512)), spec.memory());
        assertTrue(spec.cpusGiven(), "an explicit 0 is for the service to refuse");
        assertEquals(0, spec.cpus());
        assertEquals(List.of(), spec.disks());
        assertEquals(Optional.of(Path.of("media/x.iso").toAbsolutePath()), spec.installMedia());
        assertEquals(new DirectBoot(Path.of("vmlinuz").toAbsolutePath(), Path.of("initrd.img").toAbsolutePath(), "console=ttyS0"),
                spec.directBoot().orElseThrow());
        assertEquals(Optional.of("default"), spec.network());
        assertEquals(Map.of("tpm", "on"), spec.options());
        assertEquals(List.of(new DiskSpec(ByteSize.ofGiB(4), false)),
                new VmSpecRequest("vm1", "linux", null, null, "4G", false, null, null, null, null, null, null).spec(RECOMMENDED, OPTION).disks());
    }

    @Test
    void everyFieldThatCannotBeReadIsNamedTheFrontEndsWay() {
        InvalidSpecException shell = assertThrows(InvalidSpecException.class, () -> request("12X", "two", "lots").spec(RECOMMENDED, OPTION));
        assertEquals(List.of("memory", "cpus", "disk"), fields(shell));
        assertEquals("--memory: '12X' is not a size: write a whole number with an optional unit K, M, G or T, e.g. 512M or 4G", shell.problems().get(0));
        assertEquals("--cpus: 'two' is not a whole number: give e.g. --cpus 2", shell.problems().get(1));
        assertTrue(shell.problems().get(2).startsWith("--disk: 'lots' is not a size"), shell.problems().get(2));

        InvalidSpecException json = assertThrows(InvalidSpecException.class, () -> request("12X", null, null).spec(RECOMMENDED, UnaryOperator.identity()));
        assertTrue(json.getMessage().startsWith("memory: '12X' is not a size"), json.getMessage());
    }

    @Test
    void initrdAndCmdlineWithoutAKernelPointAtTheKernel() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new VmSpecRequest("vm1", "linux", null, null, null, true, null, null, "initrd.img", null, null, null).spec(RECOMMENDED, OPTION));
        assertEquals(List.of("kernel"), fields(e));
        assertEquals("--initrd and --cmdline need --kernel", e.getMessage());
    }

    @Test
    void aMissingNameOrProfileAndAnOptionWithoutValueAreProblemsOfTheirFields() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("tpm", null);
        options.put(" ", "on");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new VmSpecRequest(null, " ", null, null, null, true, null, null, null, null, null, options).spec(RECOMMENDED, OPTION));
        assertEquals(List.of("name", "profile", "options/tpm", "options"), fields(e));
        assertTrue(e.problems().get(2).startsWith("--options: 'tpm' needs a value"), e.problems().get(2));
    }
}
