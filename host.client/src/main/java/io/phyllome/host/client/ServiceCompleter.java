package io.phyllome.host.client;

import java.io.IOException;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion by the service: it knows the commands, their options, the VMs and the profiles. */
final class ServiceCompleter implements Completer {

    private final ClientSession session;

    ServiceCompleter(ClientSession session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            for (io.phyllome.host.client.protocol.Candidate c : session.complete(line.line(), line.cursor())) {
                String description = c.description().isEmpty() ? null : c.description();
                candidates.add(new Candidate(c.value(), c.value(), null, description, null, null, true));
            }
        } catch (IOException e) {
            // nothing to offer; the next command says that the service has gone
        }
    }
}
