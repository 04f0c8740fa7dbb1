package io.phyllome.host.shell;

import java.util.List;

import io.phyllome.host.client.protocol.Candidate;

/** Tab completion of the shell's command lines, which the control socket's clients ask for at their prompt. */
public interface Completion {

    /**
     * The candidates for the word at the cursor: command names, the command's options, or what
     * its argument there names (VMs, profile ids), each that starts with what is typed of it.
     *
     * @param beforeCursor the line typed so far, up to the cursor
     */
    List<Candidate> complete(String beforeCursor);
}
