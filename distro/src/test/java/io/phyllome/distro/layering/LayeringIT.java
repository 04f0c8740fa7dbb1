package io.phyllome.distro.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import aQute.bnd.header.Parameters;
import io.phyllome.host.vm.VmSpec;

/**
 * The house's layering, checked on the classes of every bundle of the distribution: the API knows
 * no implementation, the shell and the adapters only the API, profiles only the API, and no
 * package needs another that needs it back. A violation names the classes and the dependency.
 */
class LayeringIT {

    private static JavaClasses bundles;
    /** The jar of host.api, and the packages it exports: a profile vendor compiles against these alone. */
    private static Path apiJar;
    private static String[] api;

    @BeforeAll
    static void importBundles() throws IOException, URISyntaxException {
        bundles = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.phyllome.host", "io.phyllome.profiles");
        apiJar = Path.of(VmSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile jar = new JarFile(apiJar.toFile())) {
            api = new Parameters(jar.getManifest().getMainAttributes().getValue("Export-Package")).keySet().toArray(String[]::new);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.phyllome.(**)").namingSlices("$1").should().beFreeOfCycles().check(bundles);
    }

    @Test
    void theApiKnowsNoImplementation() {
        noClasses().that().resideInAnyPackage(api).should().dependOnClassesThat()
                .resideInAnyPackage("io.phyllome.host.core..", "io.phyllome.host.shell..", "io.phyllome.host.libvirt..",
                        "io.phyllome.host.storage.internal..", "io.phyllome.host.client..", "io.phyllome.host.rest..", "io.phyllome.profiles..",
                        "io.phyllome.host.profiles.data..")
                .check(bundles);
    }

    @Test
    void theRestApiUsesOnlyTheApi() {
        noClasses().that().resideInAPackage("io.phyllome.host.rest..").should().dependOnClassesThat()
                .resideInAnyPackage("io.phyllome.host.core..", "io.phyllome.host.shell..", "io.phyllome.host.libvirt..",
                        "io.phyllome.host.storage.internal..", "io.phyllome.host.client..", "io.phyllome.profiles..",
                        "io.phyllome.host.profiles.data..")
                .check(bundles);
    }

    @Test
    void theShellUsesOnlyTheApi() {
        noClasses().that().resideInAPackage("io.phyllome.host.shell..").should().dependOnClassesThat()
                .resideInAnyPackage("io.phyllome.host.core..", "io.phyllome.host.libvirt..", "io.phyllome.host.storage.internal..",
                        "io.phyllome.profiles..", "io.phyllome.host.profiles.data..")
                .check(bundles);
    }

    @Test
    void adaptersAndProfilesUseOnlyTheApi() {
        // the data-profile extender is a profile provider too: it reaches only the API
        noClasses().that().resideInAnyPackage("io.phyllome.host.libvirt..", "io.phyllome.host.storage.internal..", "io.phyllome.profiles..",
                "io.phyllome.host.profiles.data..")
                .should().dependOnClassesThat().resideInAnyPackage("io.phyllome.host.core..", "io.phyllome.host.shell..")
                .check(bundles);
    }

    @Test
    void theSocketListenerKnowsNothingOfTheHouse() {
        // embedded by host.shell and host.rest (-conditionalpackage): it must not pull either's classes into the other
        noClasses().that().resideInAPackage("io.phyllome.host.socket..").should().dependOnClassesThat()
                .resideOutsideOfPackages("io.phyllome.host.socket..", "java..")
                .check(bundles);
    }

    @Test
    void theCoreKnowsNoShellAndNoAdapter() {
        noClasses().that().resideInAPackage("io.phyllome.host.core..").should().dependOnClassesThat()
                .resideInAnyPackage("io.phyllome.host.shell..", "io.phyllome.host.rest..", "io.phyllome.host.libvirt..", "io.phyllome.host.storage.internal..",
                        "io.phyllome.profiles..", "io.phyllome.host.profiles.data..")
                .check(bundles);
    }

    @Test
    void theApiBundleHoldsOnlyExportedPackages() throws IOException {
        try (JarFile jar = new JarFile(apiJar.toFile())) {
            Set<String> packages = new TreeSet<>();
            jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && n.contains("/"))
                    .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
            assertEquals(new TreeSet<>(java.util.Arrays.asList(api)), packages,
                    "every package of " + apiJar.getFileName() + " is exported API: move the others to host.core");
        }
    }
}
