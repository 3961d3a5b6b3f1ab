package dev.sluice.schema.types;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixedBinaryTextTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void uuidsKeepTheirByteOrderAndGetTheirTrailingZerosBack() {
        assertEquals("123e4567-e89b-12d3-a456-426614174000", FixedBinaryText.uuid(hex("123e4567e89b12d3a456426614174000".substring(0, 30))),
                "the binlog drops the trailing zero bytes");
        assertEquals("00000000-0000-0000-0000-000000000000", FixedBinaryText.uuid(new byte[0]));
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 1_000; k++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            byte[] bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
            assertEquals(uuid.toString(), FixedBinaryText.uuid(bytes));
        }
    }

    @Test
    void inet4IsDottedDecimal() {
        assertEquals("192.168.0.1", FixedBinaryText.inet4(hex("c0a80001")));
        assertEquals("10.0.0.0", FixedBinaryText.inet4(hex("0a")));
        assertEquals("255.255.255.255", FixedBinaryText.inet4(hex("ffffffff")));
    }

    /** Expected texts are what MariaDB prints for the same addresses. */
    @Test
    void inet6AsMariadbPrintsIt() {
        assertEquals("::", FixedBinaryText.inet6(new byte[0]));
        assertEquals("::1", FixedBinaryText.inet6(hex("00000000000000000000000000000001")));
        assertEquals("::ffff:192.168.0.1", FixedBinaryText.inet6(hex("00000000000000000000ffffc0a80001")));
        assertEquals("::1.2.3.4", FixedBinaryText.inet6(hex("00000000000000000000000001020304")));
        assertEquals("2001:db8::1", FixedBinaryText.inet6(hex("20010db8000000000000000000000001")));
        assertEquals("2001:db8::", FixedBinaryText.inet6(hex("20010db8")));
        assertEquals("2001:db8::1:0:0:1", FixedBinaryText.inet6(hex("20010db8000000000001000000000001")),
                "the first of two equal runs");
        assertEquals("1::2:3:4:5:6:7", FixedBinaryText.inet6(hex("00010000000200030004000500060007")),
                "a single zero word is a gap too");
        assertEquals("fe80::abcd:ef01:2345:6789", FixedBinaryText.inet6(hex("fe80000000000000abcdef0123456789")));
    }

    /** Java's own formatting agrees wherever both rules coincide: no zero words, no embedded IPv4. */
    @Test
    void inet6WithoutZeroWordsMatchesJava() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < 1_000; k++) {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 16; i += 2) {
                int word = 1 + random.nextInt(0xFFFF);
                bytes[i] = (byte) (word >> 8);
                bytes[i + 1] = (byte) word;
            }
            assertEquals(InetAddress.getByAddress(bytes).getHostAddress(), FixedBinaryText.inet6(bytes));
        }
    }
}
