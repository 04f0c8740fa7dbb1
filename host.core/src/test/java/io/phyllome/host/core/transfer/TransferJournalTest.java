package io.phyllome.host.core.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of exports and imports: what a crash left is named, and removed without touching what a VM uses. */
class TransferJournalTest {

    @TempDir
    Path state;

    private TransferJournal journal() {
        return TransferJournal.at(state.resolve("journal"));
    }

    /** A record as a process that is gone (a crash) left it: this one's, with a pid that cannot run. */
    private void crashed(Optional<Path> record) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(record.orElseThrow()));
        lines.set(0, Long.toString(Long.MAX_VALUE));
        Files.write(record.get(), lines);
    }

    @Test
    void workUnderWayInALiveProcessIsNoLeftover() {
        Optional<Path> record = journal().beginExport(state.resolve("pkg"), false);
        assertEquals(List.of(), journal().abandoned());
        TransferJournal.end(record);
        assertFalse(Files.exists(record.get()));
    }

    @Test
    void aCrashedExportLeavesItsPackageToTheRepair() throws IOException {
        Path made = state.resolve("new-pkg");
        Path given = Files.createDirectories(state.resolve("given-pkg"));
        Optional<Path> first = journal().beginExport(made, false);
        Optional<Path> second = journal().beginExport(given, true);
        Files.createDirectories(made.resolve("disks"));
        Files.writeString(made.resolve("disks/disk-0.qcow2"), "half");
        Files.writeString(given.resolve("vm.properties"), "half");
        crashed(first);
        crashed(second);

        List<TransferJournal.Leftover> left = journal().abandoned();
        assertEquals(2, left.size());
        assertTrue(left.stream().allMatch(l -> l.toString().startsWith("vm:export: a half-written package ")), left.toString());
        left.forEach(l -> TransferJournal.remove(l, Set.of()));
        assertFalse(Files.exists(made), "the directory the export made goes");
        assertTrue(Files.isDirectory(given) && Files.list(given).findAny().isEmpty(), "the directory the user gave stays, emptied");
        assertEquals(List.of(), journal().abandoned());
    }

    @Test
    void aCrashedImportsBootFilesGoUnlessItsVmWasDefined() throws IOException {
        TransferJournal journal = journal();
        Path kernel = Files.createDirectories(state.resolve("media")).resolve("web1.kernel");
        Optional<Path> record = journal.beginImport("web1");
        TransferJournal.note(record, journal.mediaFile("web1.kernel"));
        Files.writeString(kernel, "kernel");
        Files.writeString(state.resolve("media/web1.kernel.sha256"), "digest");
        crashed(record);

        TransferJournal.Leftover left = journal.abandoned().get(0);
        assertEquals(List.of(kernel), left.files());
        TransferJournal.remove(left, Set.of("web1"));
        assertTrue(Files.exists(kernel), "the VM was defined and boots it: it stays");

        Optional<Path> again = journal.beginImport("web2");
        TransferJournal.note(again, kernel);
        crashed(again);
        TransferJournal.remove(journal.abandoned().get(0), Set.of());
        assertFalse(Files.exists(kernel), "no VM boots it: it goes");
        assertFalse(Files.exists(state.resolve("media/web1.kernel.sha256")), "with the media library's checksum");
    }
}
