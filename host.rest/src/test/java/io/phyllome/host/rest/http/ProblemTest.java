package io.phyllome.host.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.vm.InvalidSpecException;

/** A problem document points at the fields the platform's validation names, and at nothing else. */
class ProblemTest {

    private static final InvalidSpecException SPEC = InvalidSpecException.of(List.of(
            new InvalidSpecException.Problem("name", "the VM needs a name"),
            new InvalidSpecException.Problem("", "something about no field"),
            new InvalidSpecException.Problem(InvalidSpecException.Problem.option("a/b~c"), "profile 'linux' has no option 'a/b~c'")));

    @Test
    void eachProblemOfAFieldIsAPointerIntoTheBody() {
        Problem p = Problem.of(400, SPEC);
        assertEquals("the VM needs a name; something about no field; profile 'linux' has no option 'a/b~c'", p.detail());
        assertEquals(SPEC.problems(), p.problems());
        assertEquals(List.of(new Problem.Invalid("/name", "the VM needs a name"),
                new Problem.Invalid("/options/a~1b~0c", "profile 'linux' has no option 'a/b~c'")), p.invalid());
    }

    @Test
    void aConflictKeepsTheFieldsAndOtherProblemsHaveNone() {
        InvalidSpecException taken = InvalidSpecException.of(List.of(new InvalidSpecException.Problem("name", "a VM named 'x' already exists")));
        Problem conflict = new ApiException(409, taken).problem();
        assertEquals(409, conflict.status());
        assertEquals(List.of(new Problem.Invalid("/name", "a VM named 'x' already exists")), conflict.invalid());
        assertEquals(List.of(), new ApiException(400, "memory: is mentioned here").problem().invalid(), "no field is guessed from a message");
        assertEquals(List.of(), Problem.of(400, new InvalidSpecException(List.of("memory must be more than 0"))).invalid());
    }
}
