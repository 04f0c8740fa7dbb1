package io.phyllome.host.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    private static final long KIB = 1024L;
    private static final long MIB = 1024L * KIB;
    private static final long GIB = 1024L * MIB;
    private static final long TIB = 1024L * GIB;

    @Test
    void parsesUnitsAsBinaryMultiples() {
        assertEquals(512 * MIB, ByteSize.parse("512M").bytes());
        assertEquals(4 * GIB, ByteSize.parse("4G").bytes());
        assertEquals(8 * KIB, ByteSize.parse("8K").bytes());
        assertEquals(2 * TIB, ByteSize.parse("2T").bytes());
    }

    @Test
    void parsesIecAndByteSuffixesAsTheSameBinaryUnit() {
        assertEquals(4 * GIB, ByteSize.parse("4GiB").bytes());
        assertEquals(4 * GIB, ByteSize.parse("4GB").bytes());
        assertEquals(512 * MIB, ByteSize.parse("512MiB").bytes());
    }

    @Test
    void zeroIsZeroWhateverTheUnit() {
        assertEquals(0, ByteSize.parse("0").bytes());
        assertEquals(0, ByteSize.parse("0G").bytes());
    }

    /**
     * BUG (ByteSize.java:41): {@code UNITS.indexOf("")} is 0, so a number without a unit is taken
     * as KiB: "1024" parses to 1 MiB, "4B" to 4 KiB. Fix: {@code shift = unit.isEmpty() ? 0 : 10 *
     * (UNITS.indexOf(unit) + 1)}.
     */
    @Test
    void aBareNumberIsBytes() {
        assertEquals(1024, ByteSize.parse("1024").bytes());
        assertEquals(1, ByteSize.parse("1").bytes());
        assertEquals(4, ByteSize.parse("4B").bytes());
    }

    @Test
    void unitsAreCaseInsensitiveAndSurroundingSpaceIsIgnored() {
        assertEquals(4 * GIB, ByteSize.parse("4g").bytes());
        assertEquals(4 * GIB, ByteSize.parse("4gib").bytes());
        assertEquals(4 * GIB, ByteSize.parse("  4G ").bytes());
        assertEquals(4 * GIB, ByteSize.parse("4 G").bytes());
    }

    @Test
    void parseAgreesWithFactories() {
        assertEquals(ByteSize.ofMiB(512), ByteSize.parse("512M"));
        assertEquals(ByteSize.ofGiB(4), ByteSize.parse("4G"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "abc", "G", "-1", "-1G", "1.5G", "4X", "4GG", "4 GiBs", "0x10", "1,024", "4G4", "1e3" })
    void rejectsWhatIsNotASizeNamingTheSyntax(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("K, M, G or T"), e.getMessage());
        assertTrue(e.getMessage().contains("512M or 4G"), e.getMessage());
    }

    @Test
    void rejectsNullWithTheSameHelpfulMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(null));
        assertTrue(e.getMessage().contains("512M or 4G"), e.getMessage());
    }

    @Test
    void rejectsSizesThatOverflowALong() {
        // Long.MAX_VALUE >> 40 == 8388607: the largest number of TiB that fits
        assertEquals(8388607L * TIB, ByteSize.parse("8388607T").bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("8388608T"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("999999999999999T"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9007199254740992K"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999999999999"));
    }

    @Test
    void neverProducesANegativeSize() {
        for (String text : new String[] { "8388607T", "8589934591G", "8796093022207M", "999999999999999K", "999999999999999" }) {
            assertTrue(ByteSize.parse(text).bytes() > 0, text);
        }
    }

    @Test
    void factoriesRejectOverflowAndNegatives() {
        assertThrows(ArithmeticException.class, () -> ByteSize.ofGiB(Long.MAX_VALUE / 1024));
        assertThrows(ArithmeticException.class, () -> ByteSize.ofMiB(Long.MAX_VALUE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ByteSize(-1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void toStringUsesTheLargestExactUnit() {
        assertEquals("4G", ByteSize.ofGiB(4).toString());
        assertEquals("512M", ByteSize.ofMiB(512).toString());
        assertEquals("1536M", ByteSize.ofMiB(1536).toString());
        assertEquals("1T", ByteSize.ofGiB(1024).toString());
        assertEquals("1024T", ByteSize.ofGiB(1024L * 1024).toString());
        assertEquals("1K", new ByteSize(1024).toString());
        assertEquals("1025", new ByteSize(1025).toString());
        assertEquals("100", new ByteSize(100).toString());
        assertEquals("0", new ByteSize(0).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "1K", "1023K", "1536M", "4G", "25G", "7T", "1024T", "8388607T", "123456789K" })
    void toStringParsesBackToTheSameSize(String text) {
        ByteSize size = ByteSize.parse(text);
        assertEquals(text, size.toString());
        assertEquals(size, ByteSize.parse(size.toString()));
    }

    /** The same bug as {@link #aBareNumberIsBytes()}: toString() prints "100" for 100 bytes, which parses as 100K. */
    @ParameterizedTest
    @ValueSource(longs = { 1, 100, 1023, 1025, 123456789 })
    void toStringOfAByteCountParsesBack(long bytes) {
        ByteSize size = new ByteSize(bytes);
        assertEquals(size, ByteSize.parse(size.toString()));
    }

    @Test
    void mibTruncatesAndComparesByBytes() {
        assertEquals(4096, ByteSize.ofGiB(4).mib());
        assertEquals(0, new ByteSize(MIB - 1).mib());
        assertTrue(ByteSize.ofMiB(1024).compareTo(ByteSize.ofGiB(1)) == 0);
        assertTrue(ByteSize.ofMiB(1023).compareTo(ByteSize.ofGiB(1)) < 0);
        assertTrue(ByteSize.parse("2G").compareTo(ByteSize.parse("2047M")) > 0);
    }
}
