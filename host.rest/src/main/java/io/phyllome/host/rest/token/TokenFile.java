package io.phyllome.host.rest.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phyllome.host.access.ApiTokens;
import io.phyllome.host.platform.StateDirectory;

/**
 * {@link ApiTokens} in {@code STATE/rest/tokens.json} (mode 0600, its directory 0700): per token
 * its name, a random salt and SHA-256(salt + token). Re-read when the file changes, so that a
 * {@code host:token} run in another process (no service) counts at once.
 */
@Component(service = ApiTokens.class)
public class TokenFile implements ApiTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final String PREFIX = "phy_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored token: never the token itself. */
    record Entry(String name, String salt, String sha256, String created) {
    }

    private final Path file;
    private List<Entry> entries = List.of();
    private FileTime loaded;

    @Activate
    public TokenFile(BundleContext context) {
        this(StateDirectory.resolve(context::getProperty).resolve("rest").resolve("tokens.json"));
    }

    TokenFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized String create(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a token name: use letters, digits, '.', '_' or '-', e.g. ci-runner");
        }
        List<Entry> current = new ArrayList<>(load());
        if (current.stream().anyMatch(e -> e.name().equals(name))) {
            throw new IllegalArgumentException("a token named '" + name + "' exists: revoke it first with host:token revoke " + name + ", or choose another name");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        current.add(new Entry(name, HexFormat.of().formatHex(salt), hash(salt, token), Instant.now().toString()));
        store(current);
        return token;
    }

    @Override
    public synchronized List<TokenInfo> list() {
        return load().stream().map(e -> new TokenInfo(e.name(), Instant.parse(e.created()))).toList();
    }

    @Override
    public synchronized boolean revoke(String name) {
        List<Entry> current = new ArrayList<>(load());
        boolean removed = current.removeIf(e -> e.name().equals(name));
        if (removed) {
            store(current);
        }
        return removed;
    }

    @Override
    public Optional<String> verify(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        List<Entry> current;
        synchronized (this) {
            current = load();
        }
        for (Entry e : current) {
            byte[] given = HexFormat.of().parseHex(hash(HexFormat.of().parseHex(e.salt()), token));
            if (MessageDigest.isEqual(given, HexFormat.of().parseHex(e.sha256()))) {
                return Optional.of(e.name());
            }
        }
        return Optional.empty();
    }

    private List<Entry> load() {
        try {
            if (!Files.exists(file)) {
                entries = List.of();
                loaded = null;
                return entries;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(loaded)) {
                entries = List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {
                }));
                loaded = modified;
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API tokens in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Written to a 0600 file beside it, then moved over it: a reader never sees half a file. */
    private void store(List<Entry> updated) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = dir.resolve(file.getFileName() + ".new");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(updated));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            entries = List.copyOf(updated);
            loaded = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API tokens in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hash(byte[] salt, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
