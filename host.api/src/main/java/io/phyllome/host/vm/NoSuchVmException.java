package io.phyllome.host.vm;

/** A VM named in a request does not exist. */
public class NoSuchVmException extends VmException {

    private static final long serialVersionUID = 1L;

    public NoSuchVmException(String name) {
        super("no VM named '" + name + "': 'vm:list' shows the VMs of this host");
    }
}
