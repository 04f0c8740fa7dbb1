package io.phyllome.host.profile;

import io.phyllome.host.vm.VmException;

/** A profile cannot run its guest on this host; the message names what is missing and how to get it. */
public class ProfileException extends VmException {

    private static final long serialVersionUID = 1L;

    public ProfileException(String message) {
        super(message);
    }
}
