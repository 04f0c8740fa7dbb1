package io.phyllome.host.core.profiles;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Faulty profiles as files in {@code STATE/profile-faults} (one per profile id, with the bundle
 * and its version), so a later process (a one-shot {@code profile:list}, a {@code vm:create})
 * knows the fault without running the profile again. A record counts only while the profile
 * comes from the same bundle version: an update clears it.
 */
final class RecordedFaults {

    private static final System.Logger LOG = System.getLogger(RecordedFaults.class.getName());
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;

    RecordedFaults(Path dir) {
        this.dir = dir;
    }

    /** Records that the profile {@code id} of {@code bundle} (symbolic name and version) is faulty. */
    void record(String id, String bundle, String reason) {
        if (!SAFE_ID.matcher(id).matches()) {
            return;
        }
        Properties record = new Properties();
        record.setProperty("bundle", bundle);
        record.setProperty("reason", reason);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".fault-", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                record.store(out, null);
            }
            try {
                Files.move(temp, file(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(id), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot record that profile {0} is faulty in {1}: {2}", id, dir, e.getMessage());
        }
    }

    /** The recorded reason, if the profile {@code id} was found faulty in this very bundle version; a stale record is removed. */
    Optional<String> of(String id, String bundle) {
        if (!SAFE_ID.matcher(id).matches() || !Files.isRegularFile(file(id))) {
            return Optional.empty();
        }
        Properties record = new Properties();
        try (Reader in = Files.newBufferedReader(file(id), StandardCharsets.UTF_8)) {
            record.load(in);
            if (bundle.equals(record.getProperty("bundle"))) {
                return Optional.ofNullable(record.getProperty("reason"));
            }
            Files.deleteIfExists(file(id)); // the bundle changed: the fault was the old version's
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the fault record of profile {0}: {1}", id, e.getMessage());
        }
        return Optional.empty();
    }

    private Path file(String id) {
        return dir.resolve(id + ".properties");
    }
}
