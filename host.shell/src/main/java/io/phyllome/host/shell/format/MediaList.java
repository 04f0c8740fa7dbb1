package io.phyllome.host.shell.format;

import java.util.List;

import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.vm.ByteSize;

/** What {@code media:list} returns: the install and driver images of the media library. */
public record MediaList(List<Medium> media) implements Output {

    /** One image, with the SHA-256 verified when it was imported. */
    public record Medium(String name, String path, long sizeBytes, String sha256) {
    }

    public static MediaList of(List<MediaFile> files) {
        return new MediaList(files.stream().map(m -> new Medium(m.name(), m.path().toString(), m.size().bytes(), m.sha256())).toList());
    }

    @Override
    public String kind() {
        return "media-list";
    }

    @Override
    public String text() {
        Table table = new Table("NAME", ">SIZE", "SHA256");
        media.forEach(m -> table.row(m.name(), new ByteSize(m.sizeBytes()), m.sha256()));
        return table.toString();
    }
}
