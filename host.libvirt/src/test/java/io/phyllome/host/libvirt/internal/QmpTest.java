package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phyllome.host.vm.VmException;

/** Qmp on QMP replies recorded from QEMU 7.2 (as libvirt passes them on, with its own id) and on the commands it writes. */
class QmpTest {

    /**
     * query-jobs after an x-blockdev-amend whose new secret was named {@code no{such}"sec\ret\u00e9}:
     * QEMU's error quotes the name, escaped as JSON.
     */
    static final String JOB_ERROR_REPLY = "{\"return\": [{\"current-progress\": 1, \"status\": \"concluded\", \"total-progress\": 1,"
            + " \"type\": \"amend\", \"id\": \"j1\", \"error\": \"No secret with id 'no{such}\\\"sec\\\\ret\\u00E9'\"}], \"id\": \"libvirt-42\"}";

    @Test
    void aJobErrorWithBracesQuotesAndEscapesIsReadDecoded() {
        Qmp.Job job = Qmp.job(JOB_ERROR_REPLY, "j1").orElseThrow();

        assertTrue(job.concluded());
        assertEquals("No secret with id 'no{such}\"sec\\ret\u00e9'", job.error());
    }

    @Test
    void theJobIsFoundByItsIdAmongOthers() {
        // the first job's error quotes the id of the second: only the entry's own id counts
        String reply = "{\"return\": ["
                + "{\"status\": \"concluded\", \"type\": \"amend\", \"id\": \"other\", \"error\": \"{\\\"id\\\":\\\"phyllome-add-key\\\"}\"},"
                + "{\"current-progress\": 0, \"status\": \"running\", \"total-progress\": 1, \"type\": \"amend\", \"id\": \"phyllome-add-key\"}"
                + "], \"id\": \"libvirt-7\"}";

        Qmp.Job job = Qmp.job(reply, "phyllome-add-key").orElseThrow();

        assertEquals(new Qmp.Job("phyllome-add-key", "running", ""), job);
        assertFalse(job.concluded());
        assertEquals(Optional.empty(), Qmp.job(reply, "phyllome-erase-key"));
        assertEquals("", Qmp.job("{\"return\": [{\"status\": \"concluded\", \"id\": \"j2\"}]}", "j2").orElseThrow().error(),
                "a job that succeeded has no error");
    }

    @Test
    void aRefusedCommandFailsWithQemusDecodedReason() {
        String refused = "{\"id\": \"libvirt-9\", \"error\": {\"class\": \"GenericError\","
                + " \"desc\": \"Parameter 'id' expects an identifier, not '{\\\"}' \\\\ \\u00e9\"}}";

        VmException e = assertThrows(VmException.class, () -> Qmp.result(refused, "object-add"));

        assertEquals("QEMU refused object-add: Parameter 'id' expects an identifier, not '{\"}' \\ \u00e9", e.getMessage());
    }

    @Test
    void aReplyThatIsNotQmpIsAnError() {
        assertThrows(VmException.class, () -> Qmp.result("{\"return\": [{\"id\": \"j1\"", "query-jobs"), "cut off");
        assertThrows(VmException.class, () -> Qmp.result("[]", "query-jobs"), "not an object");
        assertThrows(VmException.class, () -> Qmp.result("{\"id\": \"libvirt-1\"}", "query-jobs"), "neither return nor error");
        assertThrows(VmException.class, () -> Qmp.job("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"no\"}}", "j1"));
    }

    @Test
    void commandsAreJsonWithEveryStringEscaped() {
        assertEquals("{\"execute\":\"query-jobs\"}", Qmp.command("query-jobs"));
        assertEquals("{\"execute\":\"job-dismiss\",\"arguments\":{\"id\":\"a\\\"b\\\\c{d}\\n\"}}",
                Qmp.command("job-dismiss", Qmp.object().put("id", "a\"b\\c{d}\n")));
    }
}
