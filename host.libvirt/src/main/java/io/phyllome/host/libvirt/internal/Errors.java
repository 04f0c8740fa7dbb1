package io.phyllome.host.libvirt.internal;

import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

import io.phyllome.host.vm.VmException;

/** Turns libvirt's errors into one-line platform errors. */
final class Errors {

    /** How every message of {@link #of} starts. */
    static final String PREFIX = "libvirt could not ";

    private Errors() {
    }

    static VmException of(String action, LibvirtException e) {
        String message = e.getError() != null && e.getError().getMessage() != null ? e.getError().getMessage() : e.getMessage();
        return new VmException(PREFIX + action + ": " + oneLine(message) + hint(message), e);
    }

    static boolean is(LibvirtException e, ErrorNumber number) {
        return e.getError() != null && e.getError().getCode() == number;
    }

    private static String hint(String message) {
        if (message == null) {
            return "";
        }
        if (message.contains("virtlogd-sock")) {
            return " (start virtlogd: 'virtlogd -d')";
        }
        if (message.contains("libvirt-sock") || message.contains("virtqemud-sock")) {
            return " (start libvirtd: 'libvirtd -d')";
        }
        return "";
    }

    private static String oneLine(String text) {
        return text == null ? "unknown error" : text.replace('\n', ' ').trim();
    }
}
