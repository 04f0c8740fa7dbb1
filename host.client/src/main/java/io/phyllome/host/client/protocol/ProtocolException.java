package io.phyllome.host.client.protocol;

import java.io.IOException;

/** The other side broke the protocol: the session ends with this message. */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
