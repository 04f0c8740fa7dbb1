package io.phyllome.host.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The shell's validation messages point at the field of POST /vms they are about. */
class FieldPointerTest {

    @Test
    void theShellsMessagesNameTheirField() {
        assertEquals(Optional.of("/memory"), FieldPointer.of("profile 'linux' needs at least 512M of memory, not 64M: give --memory 512M or more"));
        assertEquals(Optional.of("/cpus"), FieldPointer.of("0 CPUs: a VM needs at least 1; give e.g. --cpus 2, or leave --cpus out"));
        assertEquals(Optional.of("/disk"), FieldPointer.of("disk: size 'x' is not a size"));
        assertEquals(Optional.of("/name"), FieldPointer.of("VM name 'a b' may contain only letters, digits, '.', '_' and '-'"));
        assertEquals(Optional.of("/name"), FieldPointer.of("a VM named 'x' already exists: choose another name, or delete it with vm:delete x"));
        assertEquals(Optional.of("/profile"), FieldPointer.of("unknown profile 'nope': the installed profiles are [linux]"));
        assertEquals(Optional.of("/options/tpm"), FieldPointer.of("profile 'windows-11' has no option 'tpm' (its options: ...)"));
        assertEquals(Optional.of("/kernel"), FieldPointer.of("kernel /nope does not exist or is not a file"));
        assertEquals(Optional.of("/iso"), FieldPointer.of("install medium /x.iso is not readable"));
        assertEquals(Optional.empty(), FieldPointer.of("the platform failed on this request; its log says why"));
    }

    @Test
    void aValidationProblemListsItsFields() {
        Problem p = Problem.of(400, "2 problems", List.of("the VM needs a name", "memory must be more than 0: give e.g. --memory 2G"));
        assertEquals(List.of(new Problem.Invalid("/name", "the VM needs a name"), new Problem.Invalid("/memory", "memory must be more than 0: give e.g. --memory 2G")),
                p.invalid());
        assertEquals(List.of(), Problem.of(500, "the platform failed on this request (memory)").invalid());
    }
}
