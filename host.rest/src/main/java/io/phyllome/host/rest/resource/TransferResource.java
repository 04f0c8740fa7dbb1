package io.phyllome.host.rest.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.phyllome.host.document.MediaList;
import io.phyllome.host.document.VmDetails;
import io.phyllome.host.rest.http.ApiException;
import io.phyllome.host.rest.http.Call;
import io.phyllome.host.rest.http.Json;
import io.phyllome.host.rest.http.Reply;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.rest.http.TarReader;
import io.phyllome.host.rest.http.TarStream;
import io.phyllome.host.rest.http.Upload;
import io.phyllome.host.rest.http.UploadProgress;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmPackages;

/**
 * What moves files: {@code vm:export} as a streamed tar download, {@code vm:import} from an uploaded
 * tar, {@code media:import} from an uploaded file verified by its SHA-256. Every file goes through
 * a temporary directory beside the state (java.io.tmpdir), never through memory, and is removed after.
 */
public final class TransferResource {

    /** Carries a package's passphrase: not in the URL, which proxies and logs may keep. */
    static final String PASSPHRASE = "X-Phyllome-Passphrase";

    private final VmPackages packages;
    private final MediaLibrary media;
    private final long maxUpload;
    /** The progress of a medium's upload, given its name and expected length (-1: not sent). */
    private final BiFunction<String, Long, UploadProgress> progress;

    public TransferResource(VmPackages packages, MediaLibrary media, long maxUpload, BiFunction<String, Long, UploadProgress> progress) {
        this.packages = packages;
        this.media = media;
        this.maxUpload = maxUpload;
        this.progress = progress;
    }

    /** The body of {@code POST /vms/{name}/export}. */
    public record ExportRequest(String passphrase) {
    }

    public void routes(Router router) {
        router.add("POST", "/vms/{name}/export", this::export).add("POST", "/vms/import", this::importPackage).add("PUT", "/media/{name}", this::upload);
    }

    private Object export(Call call) throws IOException {
        String name = call.param("name");
        char[] passphrase = passphrase(call.body(ExportRequest.class).passphrase());
        Path dir = Files.createTempDirectory("phyllome-export-");
        try {
            packages.export(name, dir, passphrase);
            call.response().setStatus(200);
            call.response().setContentType("application/x-tar");
            call.response().setHeader("Content-Disposition", "attachment; filename=\"" + name + ".tar\"");
            TarStream.write(dir, call.response().getOutputStream());
            return null;
        } finally {
            Arrays.fill(passphrase, '\0');
            delete(dir);
        }
    }

    private Object importPackage(Call call) throws IOException {
        char[] passphrase = passphrase(call.header(PASSPHRASE));
        String name = call.query("name");
        Path dir = Files.createTempDirectory("phyllome-import-");
        try {
            TarReader.extract(call.input(), dir, maxUpload);
            VmInfo vm = packages.importPackage(dir, passphrase, name == null ? "" : name);
            call.response().setHeader("Location", "/api/v1/vms/" + vm.name());
            return new Reply(201, Json.document(VmDetails.of(vm)));
        } finally {
            Arrays.fill(passphrase, '\0');
            delete(dir);
        }
    }

    /** {@code PUT /media/NAME?sha256=HEX}: the file as the body; kept only when its SHA-256 is the one given. */
    private Object upload(Call call) throws IOException {
        String sha256 = call.query("sha256");
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new ApiException(400, "give the file's SHA-256 as its publisher states it: ?sha256=HEX (64 hex digits)");
        }
        String name = call.param("name");
        boolean existed = media.find(name).isPresent();
        Path dir = Files.createTempDirectory("phyllome-upload-");
        UploadProgress upload = progress.apply(name, call.request().getContentLengthLong());
        try {
            Path file = dir.resolve(name);
            Upload.toFile(call.request(), file, maxUpload, upload::received);
            upload.verifying();
            Reply reply = new Reply(201, MediaList.Medium.of(media.importFile(file, sha256.toLowerCase(java.util.Locale.ROOT), name, p -> {
            })));
            upload.verified();
            return reply;
        } catch (VmException e) {
            upload.failed(e.getMessage());
            // the library's refusal: a name that is taken conflicts, anything else (a checksum that differs) is a bad upload
            throw new ApiException(existed ? 409 : 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            upload.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        } finally {
            delete(dir);
        }
    }

    private static char[] passphrase(String given) {
        if (given == null || given.isEmpty()) {
            throw new ApiException(400, "a package needs a passphrase: \"passphrase\" in the body (export) or the header " + PASSPHRASE + " (import)");
        }
        return given.toCharArray();
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
