package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;

/**
 * The media library: files in the state directory's {@code media} folder, each with a
 * {@code NAME.sha256} file holding the checksum it was verified against. Media are not secret:
 * they stay readable by QEMU's user.
 */
@Component
public class MediaStore implements MediaLibrary {

    static final String FOLDER = "media";
    private static final String CHECKSUM_SUFFIX = ".sha256";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path folder;

    @Activate
    public MediaStore(BundleContext context) {
        this(StateDirectory.resolve(context::getProperty).resolve(FOLDER));
    }

    MediaStore(Path folder) {
        this.folder = folder;
    }

    @Override
    public MediaFile importFile(Path source, String sha256, String name, IntConsumer progress) {
        String expected = sha256.trim().toLowerCase(Locale.ROOT);
        String target = name == null || name.isBlank() ? String.valueOf(source.getFileName()) : name;
        if (!SHA256.matcher(expected).matches()) {
            throw new VmException("'" + sha256 + "' is not a SHA-256 checksum: give the 64 hex digits its publisher lists");
        }
        if (!NAME.matcher(target).matches() || target.endsWith(CHECKSUM_SUFFIX)) {
            throw new VmException("'" + target + "' is not a media name: use letters, digits, '.', '_', '+' and '-' (give one with --name)");
        }
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new VmException(source + " does not exist or is not a readable file");
        }
        Path file = folder().resolve(target);
        if (Files.exists(file)) {
            throw new VmException("the library already holds " + target + ": remove it first (media:remove " + target + ") or choose another --name");
        }
        Path partial = folder.resolve("." + target + ".partial");
        try {
            String actual = copy(source, partial, progress);
            if (!actual.equals(expected)) {
                throw new VmException("the SHA-256 of " + source + " is " + actual + ", not " + expected
                        + ": the file is damaged or not the one meant; nothing was imported");
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.writeString(folder.resolve(target + CHECKSUM_SUFFIX), actual + "\n");
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return new MediaFile(target, file, new ByteSize(Files.size(file)), actual);
        } catch (IOException e) {
            throw new VmException("cannot import " + source + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a leftover partial copy is hidden and replaced by the next import
            }
        }
    }

    @Override
    public List<MediaFile> list() {
        List<MediaFile> media = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return media;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + CHECKSUM_SUFFIX)) {
            for (Path checksum : files) {
                String name = checksum.getFileName().toString();
                find(name.substring(0, name.length() - CHECKSUM_SUFFIX.length())).ifPresent(media::add);
            }
        } catch (IOException e) {
            throw new VmException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        media.sort((a, b) -> a.name().compareTo(b.name()));
        return media;
    }

    @Override
    public Optional<MediaFile> find(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        Path checksum = folder.resolve(name + CHECKSUM_SUFFIX);
        try {
            if (!Files.isRegularFile(file) || !Files.isRegularFile(checksum)) {
                return Optional.empty();
            }
            return Optional.of(new MediaFile(name, file, new ByteSize(Files.size(file)), Files.readString(checksum).trim()));
        } catch (IOException e) {
            throw new VmException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String name) {
        MediaFile medium = find(name).orElseThrow(() -> new VmException("the library holds no " + name + ": media:list shows what it holds"));
        try {
            Files.delete(medium.path());
            Files.deleteIfExists(folder.resolve(name + CHECKSUM_SUFFIX));
        } catch (IOException e) {
            throw new VmException("cannot remove " + medium.path() + ": " + e.getMessage(), e);
        }
    }

    private Path folder() {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            return folder;
        } catch (IOException e) {
            throw new VmException("cannot create the media library " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Copies while hashing; returns the SHA-256 in lower-case hex. */
    private static String copy(Path source, Path target, IntConsumer progress) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = Math.max(1, Files.size(source));
        long copied = 0;
        int reported = -1;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                copied += n;
                int percent = (int) (copied * 100 / total);
                if (percent / 10 > reported / 10) {
                    progress.accept(percent);
                    reported = percent;
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
