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

    /** The packages of host.api; a profile vendor compiles against these alone. */
    static final String[] API = {"io.phyllome.host.platform..", "io.phyllome.host.profile..", "io.phyllome.host.hypervisor..",
            "io.phyllome.host.storage", "io.phyllome.host.vm..", "io.phyllome.host.device..", "io.phyllome.host.diagnostics..",
            "io.phyllome.host.repository.."};

    private static JavaClasses bundles;

    @BeforeAll
    static void importBundles() {
        bundles = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.phyllome.host", "io.phyllome.profiles");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.phyllome.(**)").namingSlices("$1").should().beFreeOfCycles().check(bundles);
    }

    @Test
    void theApiKnowsNoImplementation() {
        noClasses().that().resideInAnyPackage(API).should().dependOnClassesThat()
                .resideInAnyPackage("io.phyllome.host.core..", "io.phyllome.host.shell..", "io.phyllome.host.libvirt..",
                        "io.phyllome.host.storage.internal..", "io.phyllome.host.client..", "io.phyllome.profiles..")
                .check(bundles);
    }

    @Test
    void theShellUsesOnlyTheApi() {
        noClasses().that().resideInAPackage("io.phyllome.host.shell..").should().dependOnClassesThat()
                .resideInAnyPackage("io.phyllome.host.core..", "io.phyllome.host.libvirt..", "io.phyllome.host.storage.internal..",
                        "io.phyllome.profiles..")
                .check(bundles);
    }

    @Test
    void adaptersAndProfilesUseOnlyTheApi() {
        noClasses().that().resideInAnyPackage("io.phyllome.host.libvirt..", "io.phyllome.host.storage.internal..", "io.phyllome.profiles..")
                .should().dependOnClassesThat().resideInAnyPackage("io.phyllome.host.core..", "io.phyllome.host.shell..")
                .check(bundles);
    }

    @Test
    void theCoreKnowsNoShellAndNoAdapter() {
        noClasses().that().resideInAPackage("io.phyllome.host.core..").should().dependOnClassesThat()
                .resideInAnyPackage("io.phyllome.host.shell..", "io.phyllome.host.libvirt..", "io.phyllome.host.storage.internal..",
                        "io.phyllome.profiles..")
                .check(bundles);
    }

    @Test
    void theApiBundleHoldsOnlyExportedPackages() throws IOException, URISyntaxException {
        Path jar = Path.of(VmSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile api = new JarFile(jar.toFile())) {
            Set<String> packages = new TreeSet<>();
            api.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && n.contains("/"))
                    .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
            Set<String> exported = new TreeSet<>(new Parameters(api.getManifest().getMainAttributes().getValue("Export-Package")).keySet());
            assertEquals(exported, packages, "every package of " + jar.getFileName() + " is exported API: move the others to host.core");
        }
    }
}
