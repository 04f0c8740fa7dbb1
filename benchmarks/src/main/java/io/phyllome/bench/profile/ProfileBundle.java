package io.phyllome.bench.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the bench profile as a bundle from this module's own classes. */
public final class ProfileBundle {

    private static final List<Class<?>> CLASSES = List.of(BenchProfile.class, BenchProfileActivator.class);

    private ProfileBundle() {
    }

    public static Path write(Path file) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.phyllome.bench.profile");
        main.putValue("Bundle-Version", "0.1.0");
        main.putValue("Bundle-Activator", BenchProfileActivator.class.getName());
        main.putValue("Import-Package", "io.phyllome.host.device;version=\"[1.0,2)\",io.phyllome.host.platform;version=\"[1.0,2)\","
                + "io.phyllome.host.profile;version=\"[1.0,2)\",io.phyllome.host.vm;version=\"[1.0,2)\",org.osgi.framework");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Class<?> type : CLASSES) {
                String name = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = ProfileBundle.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("class file " + name + " not found");
                    }
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return file;
    }
}
