package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;

/** Runs {@code qemu-img}. Keys go through its standard input, never its arguments. */
final class QemuImg {

    /** LUKS key stretching: the keys are random, so a short iteration time loses no strength. */
    private static final int LUKS_ITER_TIME_MS = 100;
    private static final String BENCHMARK_FAILURE = "Unable to get accurate CPU usage";
    private static final int BENCHMARK_ATTEMPTS = 30;

    private QemuImg() {
    }

    static void create(Path file, ByteSize size) {
        run(List.of("create", "-q", "-f", "qcow2", "-o", "cluster_size=64k", file.toString(), Long.toString(size.bytes())), null);
    }

    /**
     * Creates a LUKS-encrypted qcow2. QEMU times its key stretching with the thread's CPU time;
     * where the kernel counts that in coarse ticks the measurement can read 0 ms and qemu-img
     * gives up ("Unable to get accurate CPU usage"), so that failure is retried.
     */
    static void createEncrypted(Path file, ByteSize size, byte[] key) {
        for (int attempt = 1;; attempt++) {
            try {
                createEncryptedOnce(file, size, key);
                return;
            } catch (VmException e) {
                if (attempt == BENCHMARK_ATTEMPTS || !String.valueOf(e.getMessage()).contains(BENCHMARK_FAILURE)) {
                    throw e;
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                    throw e;
                }
            }
        }
    }

    private static void createEncryptedOnce(Path file, ByteSize size, byte[] key) {
        run(List.of("create", "-q", "-f", "qcow2", "--object", "secret,id=key0,file=/dev/stdin",
                "-o", "encrypt.format=luks,encrypt.key-secret=key0,encrypt.iter-time=" + LUKS_ITER_TIME_MS,
                file.toString(), Long.toString(size.bytes())), key);
    }

    /** Fails, with qemu-img's reason, unless {@code key} opens the encrypted image {@code file}. */
    static void checkKey(Path file, byte[] key) {
        run(List.of("check", "-q", "--object", "secret,id=key0,file=/dev/stdin",
                "--image-opts", "driver=qcow2,file.filename=" + file + ",encrypt.key-secret=key0"), key);
    }

    /**
     * Fails unless {@code file} is a qcow2 image that stands alone: no backing file and no
     * external data file, which would let an image from elsewhere make QEMU open a host's file.
     */
    static void checkStandalone(Path file) {
        ImageInfo info = info(file);
        if (!info.format().equals("qcow2")) {
            throw new VmException(file + " is a " + info.format() + " image, not qcow2: the platform's disks are qcow2 (qemu-img convert -O qcow2 makes one)");
        }
        if (!info.standalone()) {
            throw new VmException(file + " refers to another file (a backing or data file): the platform takes only disks that stand alone"
                    + " (qemu-img convert -O qcow2 makes one)");
        }
    }

    /** Whether {@code file} is an encrypted image. */
    static boolean encrypted(Path file) {
        return info(file).encrypted();
    }

    static ByteSize virtualSize(Path file) {
        return info(file).virtualSize();
    }

    /** What qemu-img reports about {@code file}, without opening it for writing (a running guest may hold it). */
    static ImageInfo info(Path file) {
        List<String> args = List.of("info", "--output=json", "-U", file.toString());
        HostTool.Result result = HostTool.runApart("qemu-img", "qemu-utils", args);
        if (!result.ok()) {
            throw failure(args, result.errors() + result.output());
        }
        return ImageInfo.parse(result.output(), file);
    }

    private static String run(List<String> args, byte[] stdin) {
        HostTool.Result result = HostTool.run("qemu-img", "qemu-utils", stdin, args);
        if (!result.ok()) {
            throw failure(args, result.output());
        }
        return result.output();
    }

    private static VmException failure(List<String> args, String report) {
        return new VmException("qemu-img " + args.get(0) + " failed: " + report.strip().replace('\n', ' '));
    }
}
