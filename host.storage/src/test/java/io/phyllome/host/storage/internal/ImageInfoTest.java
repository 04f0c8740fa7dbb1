package io.phyllome.host.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;

/**
 * ImageInfo on what the installed qemu-img reports about images made here, and on reports
 * recorded from QEMU 8 and later, whose child nodes carry their own format and size.
 */
class ImageInfoTest {

    /** A 1 GiB qcow2 as QEMU 8 reports it: its {@code file} child comes first, with the file's length and format. */
    static final String QEMU8_QCOW2 = """
            {
                "children": [
                    {
                        "name": "file",
                        "info": {
                            "children": [
                            ],
                            "virtual-size": 197120,
                            "filename": "disk.qcow2",
                            "format": "file",
                            "actual-size": 200704,
                            "format-specific": {
                                "type": "file",
                                "data": {
                                }
                            },
                            "dirty-flag": false
                        }
                    }
                ],
                "virtual-size": 1073741824,
                "filename": "disk.qcow2",
                "cluster-size": 65536,
                "format": "qcow2",
                "actual-size": 200704,
                "format-specific": {
                    "type": "qcow2",
                    "data": {
                        "compat": "1.1",
                        "compression-type": "zlib",
                        "lazy-refcounts": false,
                        "refcount-bits": 16,
                        "corrupt": false,
                        "extended-l2": false
                    }
                },
                "dirty-flag": false
            }
            """;

    /**
     * A raw image stacked on an encrypted qcow2 node with a backing file and a data file (as
     * QEMU 8 reports a {@code json:} pseudo-protocol name): everything that makes an image
     * unfit for the platform is in the child, and the image itself is raw.
     */
    static final String QEMU8_RAW_OVER_QCOW2 = """
            {
                "children": [
                    {
                        "name": "file",
                        "info": {
                            "children": [
                                {
                                    "name": "file",
                                    "info": {
                                        "children": [],
                                        "virtual-size": 2555904,
                                        "filename": "inner.qcow2",
                                        "format": "file",
                                        "dirty-flag": false
                                    }
                                }
                            ],
                            "backing-filename-format": "qcow2",
                            "virtual-size": 8388608,
                            "filename": "inner.qcow2",
                            "cluster-size": 65536,
                            "format": "qcow2",
                            "format-specific": {
                                "type": "qcow2",
                                "data": {"compat": "1.1", "data-file": "/etc/shadow", "encrypt": {"format": "luks"}}
                            },
                            "full-backing-filename": "/var/lib/other.qcow2",
                            "backing-filename": "/var/lib/other.qcow2",
                            "encrypted": true,
                            "dirty-flag": false
                        }
                    }
                ],
                "virtual-size": 4194304,
                "filename": "json:{\\"driver\\": \\"raw\\", \\"file\\": {\\"driver\\": \\"qcow2\\"}}",
                "format": "raw",
                "dirty-flag": false
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPlainQcow2IsReportedWithItsSizeAndStandsAlone() {
        Path image = dir.resolve("plain.qcow2");
        QemuImg.create(image, ByteSize.ofMiB(8));

        ImageInfo info = QemuImg.info(image);

        assertEquals("qcow2", info.format());
        assertEquals(ByteSize.ofMiB(8), info.virtualSize());
        assertFalse(info.encrypted());
        assertTrue(info.standalone());
        QemuImg.checkStandalone(image);
    }

    @Test
    void aLuksEncryptedQcow2IsReportedEncrypted() {
        Path image = dir.resolve("encrypted.qcow2");
        QemuImg.createEncrypted(image, ByteSize.ofMiB(12), "dGhpcyBpcyBhIHRlc3Qga2V5IG9mIDMyIGJ5dGVzISE=".getBytes(StandardCharsets.UTF_8));

        ImageInfo info = QemuImg.info(image);

        assertEquals("qcow2", info.format());
        assertEquals(ByteSize.ofMiB(12), info.virtualSize());
        assertTrue(info.encrypted());
        assertTrue(QemuImg.encrypted(image));
        QemuImg.checkStandalone(image);
    }

    @Test
    void anOverlayNamesItsBackingFileDecodedAndIsRefused() throws Exception {
        // quotes, braces, a backslash and a non-ASCII letter: qemu-img escapes them as \" \\ \u00E9
        Path base = dir.resolve("ba\"se{1}\\\u00e9.qcow2");
        Path overlay = dir.resolve("over{lay}.qcow2");
        QemuImg.create(base, ByteSize.ofMiB(8));
        qemuImg("create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", overlay.toString(), Long.toString(ByteSize.ofMiB(16).bytes()));

        ImageInfo info = QemuImg.info(overlay);

        assertEquals(base.toString(), info.backingFile());
        assertEquals(ByteSize.ofMiB(16), info.virtualSize(), "the overlay's own size, not its backing file's");
        assertFalse(info.standalone());
        VmException e = assertThrows(VmException.class, () -> QemuImg.checkStandalone(overlay));
        assertTrue(e.getMessage().contains("refers to another file"), e.getMessage());
    }

    @Test
    void aQcow2WithAnExternalDataFileIsRefused() throws Exception {
        Path image = dir.resolve("with-data.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", "-o", "data_file=" + dir.resolve("data.raw"), image.toString(), "8M");

        ImageInfo info = QemuImg.info(image);

        assertEquals(dir.resolve("data.raw").toString(), info.dataFile());
        assertEquals("", info.backingFile());
        assertThrows(VmException.class, () -> QemuImg.checkStandalone(image));
    }

    @Test
    void aRawImageIsRefusedNamingItsFormat() throws Exception {
        Path image = dir.resolve("disk.img");
        qemuImg("create", "-q", "-f", "raw", image.toString(), "4M");

        VmException e = assertThrows(VmException.class, () -> QemuImg.checkStandalone(image));

        assertTrue(e.getMessage().contains("is a raw image, not qcow2"), e.getMessage());
    }

    @Test
    void onlyTheTopLevelOfQemu8sNestedReportCounts() {
        ImageInfo info = ImageInfo.parse(QEMU8_QCOW2, Path.of("disk.qcow2"));

        assertEquals(new ImageInfo("qcow2", new ByteSize(1073741824L), false, "", ""), info);
    }

    @Test
    void aChildsFormatBackingDataFileAndEncryptionAreNotTheImages() {
        ImageInfo info = ImageInfo.parse(QEMU8_RAW_OVER_QCOW2, Path.of("stacked"));

        assertEquals(new ImageInfo("raw", ByteSize.ofMiB(4), false, "", ""), info);
    }

    @Test
    void aReportThatIsNotJsonOrLacksTheImagesSizeIsAnErrorNamingTheImage() {
        VmException notJson = assertThrows(VmException.class, () -> ImageInfo.parse("qemu-img: warning: odd\n{}", Path.of("a.qcow2")));
        assertTrue(notJson.getMessage().contains("a.qcow2") && notJson.getMessage().contains("did not report JSON"), notJson.getMessage());

        // only a child has a size: the image itself reports none
        String childOnly = "{\"format\": \"qcow2\", \"children\": [{\"name\": \"file\", \"info\": {\"virtual-size\": 5}}]}";
        VmException noSize = assertThrows(VmException.class, () -> ImageInfo.parse(childOnly, Path.of("b.qcow2")));
        assertTrue(noSize.getMessage().contains("b.qcow2"), noSize.getMessage());

        assertThrows(VmException.class, () -> ImageInfo.parse("{\"format\": \"qcow2\", \"virtual-size\": 1, \"format\": \"raw\"}", Path.of("c")),
                "a key twice is not a report qemu-img writes");
    }

    @Test
    void anImageQemuImgCannotOpenFailsWithItsReason() {
        VmException e = assertThrows(VmException.class, () -> QemuImg.info(dir.resolve("missing.qcow2")));

        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    private static void qemuImg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
