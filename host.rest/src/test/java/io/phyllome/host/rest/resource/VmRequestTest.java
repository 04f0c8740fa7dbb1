package io.phyllome.host.rest.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.rest.http.Problem;
import io.phyllome.host.vm.InvalidSpecException;

/** The body of POST /vms is read as vm:create's options are, its messages naming the JSON fields. */
class VmRequestTest {

    @Test
    void aBadSizeAndAnInitrdWithoutKernelPointAtTheirFieldsByTheirJsonNames() {
        VmRequest body = new VmRequest("rest-x", "linux", "12X", 2, "none", null, null, null, "initrd.img", null, null, null, null);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> body.spec(null));
        Problem problem = Problem.of(400, e);
        assertEquals(List.of("/memory", "/kernel"), problem.invalid().stream().map(Problem.Invalid::pointer).toList());
        assertTrue(problem.problems().get(0).startsWith("memory: '12X' is not a size"), problem.problems().get(0));
        assertEquals("initrd and cmdline need kernel", problem.problems().get(1));
    }
}
