package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.vm.VmException;

/** KeySlots against a real QEMU, through its monitor as libvirt would pass the commands on. */
class KeySlotsTest {

    static final String OLD_KEY = "dGhlIG9sZCBrZXkgb2YgdGhpcyBkaXNrIGltYWdlIQ==";
    /** Not Base64 and full of what JSON must escape: it arrives all the same. */
    static final String NEW_KEY = "n{e}w \"key\" \\ caf\u00e9";
    static final String NODE = "q";
    static final String OLD_SECRET = NODE + "-encryption-secret0";

    @TempDir
    Path dir;
    Path image;

    @BeforeEach
    void encryptedImage() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")), "QEMU is installed (qemu-system-x86)");
        image = dir.resolve("copy.qcow2");
        for (int attempt = 1;; attempt++) { // QEMU's key benchmark sometimes cannot measure CPU time here
            String out = qemuImg(OLD_KEY, "create", "-q", "-f", "qcow2", "--object", "secret,id=k,file=/dev/stdin",
                    "-o", "encrypt.format=luks,encrypt.key-secret=k,encrypt.iter-time=100", image.toString(), "8M");
            if (out.isEmpty()) {
                break;
            }
            Files.deleteIfExists(image);
            assertTrue(out.contains("Unable to get accurate CPU usage") && attempt < 30, out);
        }
    }

    @Test
    void theImageOpensWithTheNewKeyOnly() throws Exception {
        try (StdioQemu qemu = StdioQemu.start()) {
            open(qemu);
            KeySlots.replaceKey(qemu, NODE, OLD_SECRET, NEW_KEY.getBytes(StandardCharsets.UTF_8));
        }

        assertTrue(opens(NEW_KEY), "the new key opens the image");
        assertFalse(opens(OLD_KEY), "the old key's slot is erased");
    }

    @Test
    void aJobsErrorArrivesDecodedWithItsBracesAndQuotes() throws Exception {
        String missing = "no{such}\"sec\\ret\u00e9";
        VmException e;
        try (StdioQemu qemu = StdioQemu.start()) {
            open(qemu);
            e = assertThrows(VmException.class, () -> KeySlots.replaceKey(qemu, NODE, missing, NEW_KEY.getBytes(StandardCharsets.UTF_8)));
        }

        assertEquals("QEMU could not change the copy's key slots: No secret with id '" + missing + "'", e.getMessage());
        assertFalse(e.getMessage().contains(NEW_KEY), "the key is in no message");
        assertTrue(opens(OLD_KEY), "the old key still opens the image");
    }

    /** Opens the image as libvirt does: its key as a secret object, the qcow2 node on top of the file. */
    private void open(StdioQemu qemu) throws Exception {
        Qmp.result(qemu.execute(Qmp.command("object-add", Qmp.object().put("qom-type", "secret").put("id", OLD_SECRET).put("data", OLD_KEY))),
                "object-add");
        var node = Qmp.object().put("driver", "qcow2").put("node-name", NODE);
        node.set("file", Qmp.object().put("driver", "file").put("filename", image.toString()));
        node.set("encrypt", Qmp.object().put("format", "luks").put("key-secret", OLD_SECRET));
        Qmp.result(qemu.execute(Qmp.command("blockdev-add", node)), "blockdev-add");
    }

    private boolean opens(String key) throws Exception {
        return qemuImg(key, "check", "-q", "--object", "secret,id=k,file=/dev/stdin",
                "--image-opts", "driver=qcow2,file.filename=" + image + ",encrypt.key-secret=k").isEmpty();
    }

    /** Runs qemu-img with {@code key} on its standard input: what it printed, nothing when it succeeded. */
    private static String qemuImg(String key, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(key.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? "" : "qemu-img failed: " + out;
    }
}
