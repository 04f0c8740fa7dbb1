package io.phyllome.host.vm;

/**
 * A request about VMs that could not be carried out. The message names the problem and, where
 * there is one, the fix; it never contains secrets.
 */
public class VmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VmException(String message) {
        super(message);
    }

    public VmException(String message, Throwable cause) {
        super(message, cause);
    }
}
