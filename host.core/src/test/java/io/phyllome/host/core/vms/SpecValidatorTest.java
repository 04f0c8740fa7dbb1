package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException.Problem;
import io.phyllome.host.vm.VmSpec;

class SpecValidatorTest {

    /** A host with 8 GiB and 4 CPUs. */
    static final HostCapabilities HOST = new HostCapabilities("test:///fake", "fake 1.0", "x86_64", true, "", List.of("q35"),
            true, true, true, ByteSize.ofGiB(8), 4, Set.of(), "");

    static final ProfileDescriptor PROFILE = new ProfileDescriptor("linux", "Modern Linux", OsFamily.LINUX, List.of(),
            new Resources(ByteSize.ofMiB(256), 2, ByteSize.ofGiB(1)), new Resources(ByteSize.ofGiB(4), 2, ByteSize.ofGiB(25)));

    @TempDir
    Path dir;

    /** The messages of the spec's problems. */
    private static List<String> check(VmSpec spec) {
        return messages(SpecValidator.checkRequest(spec, HOST));
    }

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::message).toList();
    }

    private static List<String> fields(List<Problem> problems) {
        return problems.stream().map(Problem::field).toList();
    }

    private static VmSpec.Builder named(String name) {
        return VmSpec.builder("linux", name);
    }

    private static void assertOneProblem(List<String> problems, String... fragments) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        for (String fragment : fragments) {
            assertTrue(problems.get(0).contains(fragment), () -> "'" + problems.get(0) + "' does not contain '" + fragment + "'");
        }
    }

    // --- names -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "vm1", "a", "Web-01", "db_primary.example", "0day", "a.b-c_d" })
    void acceptsPlainNames(String name) {
        assertEquals(List.of(), check(named(name).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a<b", "a>b", "a&b", "a'b", "a\"b", "<script>", "x&amp;", "vm'); drop", "a\"/><devices>" })
    void rejectsXmlMetacharactersInNames(String name) {
        assertOneProblem(check(named(name).build()), "VM name '" + name + "'", "only letters, digits, '.', '_' and '-'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a/b", "../etc", "/abs", "a\\b", "vm/" })
    void rejectsSlashesSoANameNeverBecomesAPath(String name) {
        assertOneProblem(check(named(name).build()), "may contain only");
    }

    @ParameterizedTest
    @ValueSource(strings = { "-vm", ".vm", "_vm", "a b", " vm", "vm ", "vmé", "$HOME", "a:b", "a*" })
    void rejectsOtherCharactersAndBadStarts(String name) {
        assertOneProblem(check(named(name).build()), "must start with a letter or digit");
    }

    @Test
    void showsControlCharactersAsQuestionMarksSoTheErrorStaysOneLine() {
        List<String> problems = check(named("vm\n1\u0007").build());
        assertOneProblem(problems, "VM name 'vm?1?'");
        assertTrue(problems.get(0).indexOf('\n') < 0);
    }

    @Test
    void rejectsAnEmptyName() {
        assertOneProblem(check(named("").build()), "the VM needs a name");
    }

    @Test
    void rejectsLongNamesNamingTheLimit() {
        assertOneProblem(check(named("a".repeat(300)).build()), "300 characters long", "at most 64");
        assertOneProblem(check(named("a".repeat(65)).build()), "65 characters long");
        assertEquals(List.of(), check(named("a".repeat(64)).build()));
    }

    @Test
    void reportsLengthBeforeCharactersForALongBadName() {
        assertOneProblem(check(named("<".repeat(300)).build()), "300 characters long");
    }

    // --- memory and CPUs -------------------------------------------------------------------

    @Test
    void rejectsZeroMemoryNamingTheOption() {
        assertOneProblem(check(named("vm").memory(new ByteSize(0)).build()), "more than 0", "--memory 2G");
    }

    @Test
    void rejectsMoreMemoryThanTheHostHas() {
        assertOneProblem(check(named("vm").memory(ByteSize.ofGiB(9)).build()), "memory 9G", "this host has (8G)", "--memory");
        assertOneProblem(check(named("vm").memory(new ByteSize(ByteSize.ofGiB(8).bytes() + 1)).build()), "this host has (8G)");
        assertEquals(List.of(), check(named("vm").memory(ByteSize.ofGiB(8)).build()));
    }

    @Test
    void rejectsMoreCpusThanTheHostHas() {
        assertOneProblem(check(named("vm").cpus(5).build()), "5 CPUs", "this host has (4)", "--cpus");
        assertEquals(List.of(), check(named("vm").cpus(4).build()));
    }

    @Test
    void rejectsZeroAndNegativeCpusGivenAndTakesNoneGivenAsTheProfilesRecommendation() {
        assertOneProblem(check(named("vm").cpus(0).build()), "0 CPUs", "at least 1", "--cpus 2", "leave --cpus out");
        assertOneProblem(check(named("vm").cpus(-1).build()), "-1 CPUs", "at least 1");
        assertEquals(List.of(), check(named("vm").build()));
        assertEquals(List.of(), check(named("vm").cpus(1).build()));
    }

    @Test
    void aSpecKeepsWhetherItsCpusWereGivenThroughToBuilder() {
        VmSpec zero = named("vm").cpus(0).build();
        VmSpec unset = named("vm").build();
        assertTrue(zero.cpusGiven() && zero.toBuilder().build().cpusGiven());
        assertTrue(!unset.cpusGiven() && !unset.toBuilder().build().cpusGiven());
        assertTrue(!zero.equals(unset), "an explicit 0 is not the absent value");
    }

    // --- disks -----------------------------------------------------------------------------

    @Test
    void rejectsTooSmallDisks() {
        assertOneProblem(check(named("vm").disk(DiskSpec.of(new ByteSize(0))).build()), "disk size 0", "too small", "--disk 20G");
        assertOneProblem(check(named("vm").disk(DiskSpec.of(ByteSize.parse("512K"))).build()), "disk size 512K", "at least 1M");
        assertEquals(List.of(), check(named("vm").disk(DiskSpec.of(ByteSize.ofMiB(1))).build()));
    }

    @Test
    void checksEveryDiskNotJustTheFirst() {
        List<String> problems = check(named("vm").disk(DiskSpec.of(ByteSize.ofGiB(20))).disk(new DiskSpec(ByteSize.parse("1K"), false)).build());
        assertOneProblem(problems, "disk size 1K");
    }

    @Test
    void rejectsAbsurdlyLargeDisks() {
        assertOneProblem(check(named("vm").disk(DiskSpec.of(ByteSize.parse("65T"))).build()), "65T", "limit of 64T");
        assertEquals(List.of(), check(named("vm").disk(DiskSpec.of(ByteSize.parse("64T"))).build()));
    }

    // --- files -----------------------------------------------------------------------------

    @Test
    void rejectsAMissingInstallMedium() {
        Path iso = dir.resolve("missing.iso");
        assertOneProblem(check(named("vm").installMedia(iso).build()), "install medium " + iso, "does not exist");
    }

    @Test
    void rejectsADirectoryAsInstallMedium() {
        assertOneProblem(check(named("vm").installMedia(dir).build()), "install medium " + dir, "is not a file");
    }

    @Test
    void acceptsAnExistingInstallMedium() throws IOException {
        Path iso = Files.createFile(dir.resolve("debian.iso"));
        assertEquals(List.of(), check(named("vm").installMedia(iso).build()));
    }

    @Test
    void rejectsAMissingKernelAndInitrd() {
        Path kernel = dir.resolve("vmlinuz");
        Path initrd = dir.resolve("initrd.img");
        List<Problem> found = SpecValidator.checkRequest(named("vm").directBoot(new DirectBoot(kernel, initrd, "console=ttyS0")).build(), HOST);
        assertEquals(List.of("kernel", "initrd"), fields(found));
        List<String> problems = messages(found);
        assertTrue(problems.get(0).startsWith("kernel " + kernel) && problems.get(0).contains("does not exist"), problems.get(0));
        assertTrue(problems.get(1).startsWith("initrd " + initrd) && problems.get(1).contains("does not exist"), problems.get(1));
    }

    @Test
    void rejectsAMissingInitrdNextToAnExistingKernel() throws IOException {
        Path kernel = Files.createFile(dir.resolve("vmlinuz"));
        Path initrd = dir.resolve("initrd.img");
        assertOneProblem(check(named("vm").directBoot(new DirectBoot(kernel, initrd, "")).build()), "initrd " + initrd);
        assertEquals(List.of(), check(named("vm").directBoot(new DirectBoot(kernel, null, "")).build()));
    }

    // --- several problems at once ----------------------------------------------------------

    @Test
    void reportsEveryProblemInOrderWithItsField() {
        List<Problem> found = SpecValidator.checkRequest(named("a/b").memory(new ByteSize(0)).cpus(99).disk(DiskSpec.of(new ByteSize(1)))
                .installMedia(dir.resolve("nope.iso")).build(), HOST);
        assertEquals(List.of("name", "memory", "cpus", "disk", "iso"), fields(found));
        List<String> problems = messages(found);
        assertTrue(problems.get(0).startsWith("VM name"), problems.get(0));
        assertTrue(problems.get(1).startsWith("memory"), problems.get(1));
        assertTrue(problems.get(2).startsWith("99 CPUs"), problems.get(2));
        assertTrue(problems.get(3).startsWith("disk size"), problems.get(3));
        assertTrue(problems.get(4).startsWith("install medium"), problems.get(4));
    }

    // --- the profile's minimum -------------------------------------------------------------

    private static VmSpec resolved(ByteSize memory, int cpus, ByteSize... disks) {
        VmSpec.Builder b = named("vm").memory(memory).cpus(cpus);
        for (ByteSize disk : disks) {
            b.disk(DiskSpec.of(disk));
        }
        return b.build();
    }

    @Test
    void acceptsExactlyTheMinimum() {
        assertEquals(List.of(), SpecValidator.checkMinimum(resolved(ByteSize.ofMiB(256), 2, ByteSize.ofGiB(1)), PROFILE));
    }

    @Test
    void belowMinimumMemoryNamesTheProfileAndTheFix() {
        assertOneProblem(messages(SpecValidator.checkMinimum(resolved(ByteSize.ofMiB(128), 2), PROFILE)),
                "profile 'linux' needs at least 256M of memory, not 128M", "give --memory 256M or more");
    }

    @Test
    void belowMinimumCpusNamesTheProfileAndTheFix() {
        assertOneProblem(messages(SpecValidator.checkMinimum(resolved(ByteSize.ofGiB(1), 1), PROFILE)),
                "profile 'linux' needs at least 2 CPUs", "give --cpus 2 or more");
    }

    @Test
    void belowMinimumSystemDiskNamesTheProfileAndTheFix() {
        assertOneProblem(messages(SpecValidator.checkMinimum(resolved(ByteSize.ofGiB(1), 2, ByteSize.ofMiB(512)), PROFILE)),
                "profile 'linux' needs a system disk of at least 1G", "give --disk 1G or more");
    }

    @Test
    void onlyTheSystemDiskMustMeetTheMinimum() {
        assertEquals(List.of(), SpecValidator.checkMinimum(resolved(ByteSize.ofGiB(1), 2, ByteSize.ofGiB(1), ByteSize.ofMiB(16)), PROFILE));
        assertEquals(List.of(), SpecValidator.checkMinimum(resolved(ByteSize.ofGiB(1), 2), PROFILE), "a VM without disks has no system disk to check");
    }

    @Test
    void reportsAllMinimumViolations() {
        assertEquals(List.of("memory", "cpus", "disk"), fields(SpecValidator.checkMinimum(resolved(ByteSize.ofMiB(1), 1, ByteSize.ofMiB(1)), PROFILE)));
    }
}
