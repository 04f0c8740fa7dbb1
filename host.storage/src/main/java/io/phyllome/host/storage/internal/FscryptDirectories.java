package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.storage.DirectoryEncryption;
import io.phyllome.host.storage.ProtectedDirectory;
import io.phyllome.host.vm.VmException;

/**
 * fscrypt policies on the state directories that hold disks ({@code disks}) and the embedded
 * driver's firmware variables and TPM state ({@code libvirt}), each protected by the user's
 * passphrase. Where fscrypt or the file system cannot do it, the status says why and how.
 */
@Component
public class FscryptDirectories implements DirectoryEncryption {

    static final List<String> DIRECTORIES = List.of(DiskStore.POOL, "libvirt");

    private final Path state;

    @Activate
    public FscryptDirectories(BundleContext context) {
        this(StateDirectory.resolve(context::getProperty));
    }

    FscryptDirectories(Path state) {
        this.state = state;
    }

    @Override
    public List<ProtectedDirectory> status() {
        return DIRECTORIES.stream().map(state::resolve).map(FscryptDirectories::statusOf).toList();
    }

    @Override
    public List<ProtectedDirectory> protect(byte[] passphrase) {
        requirePassphrase(passphrase);
        List<Path> todo = status().stream().filter(d -> !d.encrypted()).map(ProtectedDirectory::path).toList();
        for (Path dir : todo) {
            requireEmpty(dir);
        }
        for (Path dir : todo) {
            Path mount = mountPoint(dir);
            if (!Files.exists(Path.of("/etc/fscrypt.conf"))) {
                check(Fscrypt.setUpGlobally(), "set fscrypt up");
            }
            Fscrypt.Result mountStatus = Fscrypt.status(mount);
            if (!mountStatus.ok() && mountStatus.text().contains("not setup")) {
                check(Fscrypt.setUp(mount), "set fscrypt up on " + mount);
            }
            check(Fscrypt.encrypt(dir, "phyllome-" + dir.getFileName(), passphrase), "protect " + dir);
        }
        return status();
    }

    @Override
    public List<ProtectedDirectory> unlock(byte[] passphrase) {
        requirePassphrase(passphrase);
        for (ProtectedDirectory dir : status()) {
            if (dir.encrypted() && !dir.unlocked()) {
                Fscrypt.Result result = Fscrypt.unlock(dir.path(), passphrase);
                if (!result.ok()) {
                    throw new VmException("cannot unlock " + dir.path() + ": " + result.message());
                }
            }
        }
        return status();
    }

    static ProtectedDirectory statusOf(Path dir) {
        boolean exists = Files.isDirectory(dir);
        Fscrypt.Result result;
        try {
            result = Fscrypt.status(exists ? dir : nearestExisting(dir));
        } catch (VmException e) {
            return new ProtectedDirectory(dir, false, false, e.getMessage());
        }
        if (result.ok() && result.text().contains("is encrypted with fscrypt")) {
            return new ProtectedDirectory(dir, true, result.text().contains("Unlocked: Yes"), "");
        }
        String out = result.text();
        String note;
        if (!exists && !out.contains("encryption not enabled")) {
            note = "not created yet: host:protect creates and protects it";
        } else if (out.contains("is not encrypted")) {
            note = "not protected: host:protect protects it while it is empty";
        } else if (out.contains("not setup") || out.contains("fscrypt.conf")) {
            note = "not protected: host:protect sets fscrypt up on " + mountPoint(dir) + " and protects it while it is empty";
        } else if (out.contains("encryption not enabled")) {
            note = "its file system cannot encrypt (" + result.message() + "): enable the ext4 'encrypt' feature with tune2fs -O encrypt,"
                    + " or put the state directory on a file system that has it";
        } else {
            note = "fscrypt cannot protect it: " + result.message();
        }
        return new ProtectedDirectory(dir, false, false, note);
    }

    private static void requireEmpty(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new VmException(dir + " is not empty, and fscrypt only protects empty directories: move its files out,"
                            + " run host:protect, then move them back");
                }
            }
        } catch (IOException e) {
            throw new VmException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path nearestExisting(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static Path mountPoint(Path dir) {
        HostTool.Result result = HostTool.run("stat", "coreutils", null, List.of("-c", "%m", nearestExisting(dir).toString()));
        return result.ok() ? Path.of(result.output().strip()) : Path.of("/");
    }

    private static void check(Fscrypt.Result result, String what) {
        if (!result.ok()) {
            throw new VmException("fscrypt could not " + what + ": " + result.message());
        }
    }

    private static void requirePassphrase(byte[] passphrase) {
        if (passphrase == null || passphrase.length < 8) {
            throw new VmException("give a passphrase of at least 8 characters");
        }
    }
}
