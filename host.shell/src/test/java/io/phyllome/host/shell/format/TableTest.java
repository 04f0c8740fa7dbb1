package io.phyllome.host.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCell() {
        String table = new Table("NAME", "STATE", ">CPUS").row("a", "running", 2).row("bb", "shut-off", 16).toString();
        assertEquals("""
                NAME  STATE     CPUS
                a     running      2
                bb    shut-off    16""", table);
    }

    @Test
    void aLongIdNeverRunsIntoTheNextColumn() {
        String table = new Table("NAME", "PROFILE").row("windows-server-2022-datacenter-edition", "windows-server-2022").row("x", "linux").toString();
        List<String> lines = table.lines().toList();
        int profileColumn = lines.get(0).indexOf("PROFILE");
        assertTrue(profileColumn > "windows-server-2022-datacenter-edition".length(), table);
        lines.forEach(l -> assertEquals(' ', l.charAt(profileColumn - 1), "a separator before the column: " + table));
        assertEquals("windows-server-2022", lines.get(1).substring(profileColumn));
        assertEquals("linux", lines.get(2).substring(profileColumn));
    }

    @Test
    void noTrailingSpacesAndEmptyCellsPrintEmpty() {
        String table = new Table("ID", "NOTE").row("a", null).row("b", "").toString();
        table.lines().forEach(l -> assertEquals(l.stripTrailing(), l));
        assertEquals("ID  NOTE\na\nb", table);
    }

    @Test
    void anEmptyTableIsItsHeader() {
        assertEquals("NAME  STATE", new Table("NAME", "STATE").toString());
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }

    @Test
    void anUnknownFormatNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.of("yaml"));
        assertEquals("unknown output format 'yaml': give --format table or json", e.getMessage());
        assertEquals(Format.JSON, Format.of("JSON"));
    }
}
