package io.phyllome.host.document;

import java.util.List;

import io.phyllome.host.storage.MediaFile;

/** The install and driver images of the media library ({@code media:list}). */
public record MediaList(List<Medium> media) implements Document {

    /** One image, with the SHA-256 verified when it was imported. */
    public record Medium(String name, String path, long sizeBytes, String sha256) {

        public static Medium of(MediaFile m) {
            return new Medium(m.name(), m.path().toString(), m.size().bytes(), m.sha256());
        }
    }

    public static MediaList of(List<MediaFile> files) {
        return new MediaList(files.stream().map(Medium::of).toList());
    }

    @Override
    public String kind() {
        return "media-list";
    }
}
