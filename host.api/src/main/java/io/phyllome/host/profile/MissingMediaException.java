package io.phyllome.host.profile;

/**
 * A profile cannot choose devices because a file the user provides is missing: an image given per
 * VM or imported into the media library once (e.g. macOS's OpenCore image). Unlike other profile
 * failures this says nothing against the host: {@code host:check} reports it as a warning.
 */
public class MissingMediaException extends ProfileException {

    private static final long serialVersionUID = 1L;

    public MissingMediaException(String message) {
        super(message);
    }
}
