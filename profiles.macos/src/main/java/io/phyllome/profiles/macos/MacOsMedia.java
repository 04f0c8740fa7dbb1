package io.phyllome.profiles.macos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.phyllome.host.device.ImageFormat;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.MissingMediaException;
import io.phyllome.host.profile.ProfileException;

/**
 * What the user supplies for a macOS VM: the OpenCore and recovery images (the VM's options,
 * else the media library) with their format read from the file, and the Apple SMC key.
 */
final class MacOsMedia {

    /** The first bytes of every qcow2 image. */
    private static final byte[] QCOW2_MAGIC = { 'Q', 'F', 'I', (byte) 0xfb };
    /** The signature of an Apple disk image's (UDIF) trailer, the last 512 bytes of the file. */
    private static final byte[] DMG_TRAILER = { 'k', 'o', 'l', 'y' };

    /**
     * The SHA-256 of the key macOS checks its SMC for. The key itself is not shipped (see
     * docs/profiles/macos.md); its checksum lets the profile tell a mistyped key from the right one.
     */
    static final String OSK_SHA256 = "5c0caad0974db5850bfcff8f1ce4839216cac63eea42e33f0b332bbf26f9c443";

    private MacOsMedia() {
    }

    /** One image a macOS VM needs. */
    enum Kind {
        OPENCORE("an OpenCore boot image", "OpenCore.qcow2", MacOsProfile.OPENCORE_OPTION, true),
        RECOVERY("a macOS recovery image", "RecoveryImage.img", MacOsProfile.RECOVERY_OPTION, false);

        /** What it is, without its article. */
        final String what;
        /** What it is, with its article. */
        final String aWhat;
        final String fileName;
        final String option;
        /** Whether one image without the release in its name serves every release. */
        final boolean shared;

        Kind(String aWhat, String fileName, String option, boolean shared) {
            this.aWhat = aWhat;
            this.what = aWhat.substring(aWhat.indexOf(' ') + 1);
            this.fileName = fileName;
            this.option = option;
            this.shared = shared;
        }

        /** The names the media library is asked for, most specific first, e.g. macos-sonoma-OpenCore.qcow2. */
        List<String> mediaNames(MacOsRelease release) {
            String own = release.id() + "-" + fileName;
            return shared ? List.of(own, fileName) : List.of(own);
        }
    }

    /** An image found and checked. */
    record Image(Path path, ImageFormat format) {
    }

    /**
     * The image of {@code kind} for a VM of {@code release}: the path given as the VM's option
     * (absolute), else the media library's file of that kind.
     *
     * @throws ProfileException naming the file needed and where to put it when it is missing,
     *                          unreadable or an unconverted DMG
     */
    static Image find(Kind kind, ProfileContext context, MacOsRelease release) {
        String option = context.spec().options().get(kind.option);
        List<String> names = kind.mediaNames(release);
        String where = "give it with --options " + kind.option + "=PATH, or import it into the media library as " + names.get(0)
                + (names.size() > 1 ? " (or " + names.get(1) + " for every release)" : "") + " with media:import --name " + names.get(0)
                + " FILE SHA256; Phyllome does not download or ship it (docs/profiles/macos.md says how to make one)";
        Path file;
        if (option != null && !option.isBlank()) {
            if (option.chars().anyMatch(Character::isISOControl)) {
                throw new ProfileException("the " + kind.what + " path contains control characters: rename the file");
            }
            file = Path.of(option.trim());
            if (!file.isAbsolute()) {
                throw new ProfileException("the " + kind.what + " '" + option + "' must be an absolute path: give e.g. --options " + kind.option + "="
                        + file.toAbsolutePath());
            }
            if (!Files.exists(file)) {
                throw new MissingMediaException("profile '" + release.id() + "' needs its " + kind.what + ", and " + file + " does not exist: " + where);
            }
        } else {
            Optional<Path> inLibrary = names.stream().map(context::media).flatMap(Optional::stream).findFirst();
            if (inLibrary.isEmpty()) {
                throw new MissingMediaException("profile '" + release.id() + "' needs " + kind.aWhat + " (" + kind.fileName + "), and there is none: "
                        + where);
            }
            file = inLibrary.get();
        }
        if (!Files.isRegularFile(file)) {
            throw new ProfileException("the " + kind.what + " " + file + " is not a file: " + where);
        }
        if (!Files.isReadable(file)) {
            throw new ProfileException("the " + kind.what + " " + file + " is not readable: make it readable (e.g. chmod a+r " + file + ")");
        }
        return new Image(file, format(file, kind));
    }

    /** qcow2 when the file starts with qcow2's magic number; a DMG is refused with the conversion to use; raw otherwise. */
    static ImageFormat format(Path file, Kind kind) {
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(QCOW2_MAGIC.length);
            }
            if (Arrays.equals(head, QCOW2_MAGIC)) {
                return ImageFormat.QCOW2;
            }
            long size = Files.size(file);
            if (size >= 512) {
                try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                    ByteBuffer trailer = ByteBuffer.allocate(DMG_TRAILER.length);
                    channel.position(size - 512);
                    while (trailer.hasRemaining() && channel.read(trailer) > 0) {
                        // until the four bytes are read
                    }
                    if (Arrays.equals(trailer.array(), DMG_TRAILER)) {
                        throw new ProfileException("the " + kind.what + " " + file + " is an Apple disk image (DMG), which QEMU cannot"
                                + " boot: convert it with qemu-img convert -f dmg -O raw " + file + " " + file.resolveSibling(kind.fileName));
                    }
                }
            }
            return ImageFormat.RAW;
        } catch (IOException e) {
            throw new ProfileException("cannot read the " + kind.what + " " + file + ": " + e.getMessage());
        }
    }

    /** An Apple SMC key and where it came from. */
    record Key(String text, String source) {

        /** Whether this is the key macOS checks for (by its SHA-256). */
        boolean genuine() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
                return HexFormat.of().formatHex(digest).equals(OSK_SHA256);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The Apple SMC key: the configured one, else the media library's {@value MacOsProfile#OSK_MEDIUM}.
     *
     * @throws ProfileException saying where to put it when there is none, or when it is not 64
     *                          printable ASCII characters
     */
    static Key osk(String configured, ProfileContext context, String id) {
        String text = configured == null ? "" : configured.strip();
        String source = "the configuration " + MacOsConfig.PID;
        if (text.isEmpty()) {
            Path file = context.media(MacOsProfile.OSK_MEDIUM).orElseThrow(() -> new ProfileException("profile '" + id
                    + "' needs the Apple SMC key (OSK) that macOS checks, which Phyllome does not ship: write its 64 characters to a file"
                    + " and import it with media:import --name " + MacOsProfile.OSK_MEDIUM + " FILE " + OSK_SHA256
                    + " (or set osk in the configuration " + MacOsConfig.PID + "); see docs/profiles/macos.md"));
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new ProfileException("cannot read the Apple SMC key from " + file + ": " + e.getMessage());
            }
            source = file.toString();
        }
        if (text.length() != 64) {
            throw new ProfileException("the Apple SMC key (OSK) in " + source + " has " + text.length()
                    + " characters, not 64: correct it (see docs/profiles/macos.md)");
        }
        if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new ProfileException("the Apple SMC key (OSK) in " + source + " must be printable ASCII: correct it (see docs/profiles/macos.md)");
        }
        return new Key(text, source);
    }
}
