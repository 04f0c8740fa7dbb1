package io.phyllome.host.libvirt.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Validates domain XML against libvirt's own RNG schema with {@code virt-xml-validate FILE domain}
 * (from libvirt-clients). The golden domain tests and the vendor test kit (host.api.testing) use
 * it; it is the one class of this module's test jar, so it fails with an {@link AssertionError}
 * and needs no test framework.
 */
public final class DomainSchema {

    private DomainSchema() {
    }

    /** Fails with the tool's output and the XML when libvirt's schema rejects {@code xml}; writes it to a file in {@code tempDir}. */
    public static void assertValid(String xml, Path tempDir) {
        Path file;
        try {
            file = Files.createTempFile(tempDir, "domain-", ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot write the domain XML to " + tempDir, e);
        }
        Process process;
        try {
            process = new ProcessBuilder("virt-xml-validate", file.toString(), "domain").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("virt-xml-validate is not installed, so the domain XML cannot be checked against libvirt's schema: "
                    + "install libvirt-clients (apt-get install libvirt-clients) [" + e.getMessage() + "]", e);
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("virt-xml-validate did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("virt-xml-validate " + file + " domain exited with " + process.exitValue() + ":\n" + output
                        + "\n--- the XML:\n" + xml);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read virt-xml-validate's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while validating", e);
        }
    }
}
