package io.phyllome.host.libvirt.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the golden test of every profile family checks of each of its variants: the domain XML is
 * its golden file's (once the temporary paths in it have their stable names), libvirt's schema
 * accepts it, and rendering it again gives the same XML. A family's own test adds what its
 * golden files must say, checked independently of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // variants() is the family's, so an instance method
abstract class DomainGoldenTest {

    /** One golden variant: its golden file's name, the XML as rendered, and a temporary path in it that the golden file names {@code stablePath}. */
    record GoldenVariant(String name, String xml, String temporaryPath, String stablePath) {

        GoldenVariant(String name, String xml) {
            this(name, xml, null, null);
        }

        String normalised() {
            return temporaryPath == null ? xml : xml.replace(temporaryPath, stablePath);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    Path tmp;

    /** The family's variants, rendered afresh at each call. */
    abstract Stream<GoldenVariant> variants();

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void matchesTheGoldenFile(GoldenVariant variant) {
        Fixtures.assertGolden(variant.name(), variant.normalised());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void isValidLibvirtXml(GoldenVariant variant) {
        Fixtures.assertValidDomain(variant.xml(), tmp);
    }

    @Test
    void renderingIsDeterministic() {
        assertEquals(variants().map(GoldenVariant::xml).toList(), variants().map(GoldenVariant::xml).toList());
    }
}
