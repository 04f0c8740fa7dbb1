package io.phyllome.distro.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.repository.XMLResourceGenerator;
import aQute.bnd.osgi.resource.ResourceBuilder;
import io.phyllome.distro.vendor.acme.AcmeProfile;

/**
 * Builds the test-only vendor profile bundles the way a vendor's build does: their sources
 * compiled against the newest released API jar alone (cnf/release, never this build's API), then
 * bnd (DS and @ProvidesProfile annotations processed, imports computed from that jar), and an OSGi
 * repository index of them. So the platform under test runs a profile built against its last
 * release. Runs on the JVM side, before the framework starts.
 */
final class ProfileBundles {

    static final String ACME = "com.acme.phyllome.profile";
    static final String BROKEN = "com.acme.phyllome.broken";
    static final String MISMATCH = "com.acme.phyllome.mismatch";
    /** What acme 2.0.0 imports: an API this platform does not have, so it never resolves here. */
    static final String FUTURE_API = "io.phyllome.host.profile;version=\"[9.0,10)\",*";

    private ProfileBundles() {
    }

    /**
     * The bundles acme 1.0.0, 1.1.0 and 2.0.0 (built for an API this platform lacks), broken
     * 1.0.0 and mismatch 1.0.0 (capability and descriptor ids differ) in {@code dir}, with two
     * indexes: {@code index-1.0.xml} (before the vendor published 1.1.0: acme 1.0.0, broken,
     * mismatch) and {@code index.xml} (everything); returns {@code dir}.
     */
    static Path repository(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> jars = new ArrayList<>();
            jars.add(build(dir, ACME, "1.0.0", AcmeProfile.class.getPackageName()));
            jars.add(build(dir, ACME, "1.1.0", AcmeProfile.class.getPackageName()));
            jars.add(build(dir, BROKEN, "1.0.0", "io.phyllome.distro.vendor.broken"));
            jars.add(build(dir, MISMATCH, "1.0.0", "io.phyllome.distro.vendor.mismatch"));
            index(dir.resolve("index-1.0.xml"), List.of(jars.get(0), jars.get(2), jars.get(3)));
            jars.add(build(dir, ACME, "2.0.0", AcmeProfile.class.getPackageName()));
            index(dir.resolve("index.xml"), jars);
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the vendor profile repository in " + dir, e);
        }
    }

    private static void index(Path file, List<Path> jars) throws Exception {
        XMLResourceGenerator index = new XMLResourceGenerator().name("ACME test profiles");
        for (Path jar : jars) {
            ResourceBuilder resource = new ResourceBuilder();
            resource.addFile(jar.toFile(), jar.toUri());
            index.resource(resource.build());
        }
        index.save(file.toFile());
    }

    private static Path build(Path dir, String bsn, String version, String pkg) throws Exception {
        Path out = dir.resolve(bsn + "-" + version + ".jar");
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", bsn);
            builder.setProperty("Bundle-Version", version);
            builder.setProperty("Private-Package", pkg);
            builder.setProperty("-noextraheaders", "true");
            if (version.startsWith("2.")) {
                builder.setProperty("Import-Package", FUTURE_API);
            }
            builder.addClasspath(VendorCompiler.compile(pkg, dir.resolve("classes-" + bsn + "-" + version)).toFile());
            for (Path entry : VendorCompiler.classpath()) {
                builder.addClasspath(entry.toFile());
            }
            Jar jar = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd failed for " + bsn + ": " + builder.getErrors());
            }
            jar.write(out.toFile());
        }
        return out;
    }
}
