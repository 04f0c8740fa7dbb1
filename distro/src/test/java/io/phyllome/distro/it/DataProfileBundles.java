package io.phyllome.distro.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.repository.XMLResourceGenerator;
import aQute.bnd.osgi.resource.ResourceBuilder;

/**
 * The FreeBSD-style example both ways, as a vendor builds them: the data profile (a bundle of
 * docs/examples/freebsd-data/profile.json and a manifest, no class at all), its coded twin (Java
 * compiled against the released API), and a data profile whose profile.json breaks the schema;
 * with an OSGi repository index of the three. Runs on the JVM side, before the framework starts.
 */
final class DataProfileBundles {

    static final String DATA = "com.acme.phyllome.freebsd.data";
    static final String CODED = "com.acme.phyllome.freebsd.coded";
    static final String MALFORMED = "com.acme.phyllome.malformed.data";
    static final String MISMATCH = "com.acme.phyllome.mismatch.data";
    /** The guide's example, the same file docs/profiles-as-data.md shows (the tests run in distro/). */
    static final Path EXAMPLE = Path.of("..", "docs", "examples", "freebsd-data", "profile.json").toAbsolutePath().normalize();
    /** What a data profile bundle requires: the platform's extender of profile.json. */
    static final String REQUIRE_EXTENDER = "osgi.extender;filter:=\"(osgi.extender=io.phyllome.host.profile.data)\"";
    /** The malformed profile: no name, and a minimum of 0 CPUs. */
    static final String MALFORMED_JSON = """
            {
              "id": "malformed-data",
              "family": "bsd",
              "minimum": { "memory": "512M", "cpus": 0, "disk": "4G" },
              "recommended": { "memory": "2G", "cpus": 2, "disk": "20G" },
              "devices": { "firmware": "uefi" }
            }
            """;

    /** A valid profile whose id ({@code other-data}) is not its bundle capability's ({@code mismatch-data}). */
    static final String MISMATCH_JSON = """
            {
              "id": "other-data",
              "name": "Another id",
              "family": "bsd",
              "minimum": { "memory": "256M", "cpus": 1, "disk": "1G" },
              "recommended": { "memory": "1G", "cpus": 1, "disk": "8G" },
              "devices": { "firmware": "bios" }
            }
            """;

    private DataProfileBundles() {
    }

    /** The four bundles (with one whose ids disagree) and {@code index.xml} in {@code dir}; returns {@code dir}. */
    static Path repository(Path dir) {
        try {
            Files.createDirectories(dir);
            Path malformed = dir.resolve("malformed-profile.json");
            Files.writeString(malformed, MALFORMED_JSON);
            List<Path> jars = new ArrayList<>();
            jars.add(dataBundle(dir, DATA, "freebsd-data", EXAMPLE));
            jars.add(dataBundle(dir, MALFORMED, "malformed-data", malformed));
            Path mismatch = dir.resolve("mismatch-profile.json");
            Files.writeString(mismatch, MISMATCH_JSON);
            jars.add(dataBundle(dir, MISMATCH, "mismatch-data", mismatch));
            jars.add(codedBundle(dir));
            XMLResourceGenerator index = new XMLResourceGenerator().name("ACME data profiles");
            for (Path jar : jars) {
                ResourceBuilder resource = new ResourceBuilder();
                resource.addFile(jar.toFile(), jar.toUri());
                index.resource(resource.build());
            }
            index.save(dir.resolve("index.xml").toFile());
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the data profile repository in " + dir, e);
        }
    }

    static Path jar(Path dir, String bsn) {
        return dir.resolve(bsn + "-1.0.0.jar");
    }

    /** A bundle with no classes: profile.json at its root, the profile capability, the extender requirement. */
    private static Path dataBundle(Path dir, String bsn, String id, Path profileJson) throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", bsn);
            builder.setProperty("Bundle-Version", "1.0.0");
            builder.setProperty("-includeresource", "profile.json=" + profileJson);
            builder.setProperty("Provide-Capability", "io.phyllome.profile;io.phyllome.profile=" + id + ";family=BSD");
            builder.setProperty("Require-Capability", REQUIRE_EXTENDER);
            builder.setProperty("-noextraheaders", "true");
            return write(builder, jar(dir, bsn));
        }
    }

    private static Path codedBundle(Path dir) throws Exception {
        String pkg = "io.phyllome.distro.vendor.freebsd";
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", CODED);
            builder.setProperty("Bundle-Version", "1.0.0");
            builder.setProperty("Private-Package", pkg);
            builder.setProperty("-noextraheaders", "true");
            builder.addClasspath(VendorCompiler.compile(pkg, dir.resolve("classes-" + CODED)).toFile());
            for (Path entry : VendorCompiler.classpath()) {
                builder.addClasspath(entry.toFile());
            }
            return write(builder, jar(dir, CODED));
        }
    }

    private static Path write(Builder builder, Path out) throws Exception {
        Jar jar = builder.build();
        if (!builder.isOk()) {
            throw new IllegalStateException("bnd failed for " + out.getFileName() + ": " + builder.getErrors());
        }
        jar.write(out.toFile());
        return out;
    }
}
