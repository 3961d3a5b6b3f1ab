package dev.sluice;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Seeded random inputs for the fuzz tests. A short run is part of every build; a long one is
 * {@code ./mvnw test -Dtest='*FuzzTest' -Dsluice.fuzz.iterations=200000} (add
 * {@code -Dsluice.fuzz.seed=N} for other inputs). A failure names the seed, the iteration and the
 * input, so it can be replayed and turned into a test of its own.
 */
public final class Fuzz {

    public static final long SEED = Long.getLong("sluice.fuzz.seed", 20261202L);

    private Fuzz() {
    }

    /** How many inputs to try: {@code quick} in a normal build, more when asked. */
    public static int iterations(int quick) {
        return Integer.getInteger("sluice.fuzz.iterations", quick);
    }

    /** The random source of one fuzz target, stable for a given seed. */
    public static Random random(String target) {
        return new Random(SEED * 31 + target.hashCode());
    }

    /** Text made from a seed text by a few random edits, some splicing in words of the dictionary. */
    public static String mutate(Random random, String seed, List<String> dictionary) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.insert(at, dictionary.get(random.nextInt(dictionary.size())));
                case 1 -> text.insert(at, (char) random.nextInt(0x80));
                case 2 -> text.insert(at, (char) (0x80 + random.nextInt(0xFFFF - 0x80)));
                case 3 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                case 4 -> text.setLength(at);
                case 5 -> {
                    int from = text.length() == 0 ? 0 : random.nextInt(text.length());
                    String part = text.substring(from, Math.min(text.length(), from + 1 + random.nextInt(20)));
                    text.insert(at, part.repeat(1 + random.nextInt(3)));
                }
                default -> {
                    if (at < text.length()) {
                        text.setCharAt(at, (char) random.nextInt(0x7F));
                    }
                }
            }
        }
        return text.toString();
    }

    /** Bytes made from seed bytes by a few random edits: flips, interesting values, cuts, copies. */
    public static byte[] mutate(Random random, byte[] seed) {
        byte[] bytes = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) new int[] {0, 1, 0x7F, 0x80, 0xFF, 0x0F, 0x10}[random.nextInt(7)];
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 3 -> {
                    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                    System.arraycopy(bytes, at, longer, longer.length - (bytes.length - at), bytes.length - at);
                    bytes = longer;
                }
                case 4 -> bytes[at] = (byte) random.nextInt(256);
                default -> {
                    int to = random.nextInt(bytes.length);
                    bytes[to] = bytes[at];
                }
            }
        }
        return bytes;
    }

    /** An input as a failure message shows it, with what replays it. */
    public static String describe(String target, int iteration, String input) {
        return target + " failed at iteration " + iteration + " of seed " + SEED + " (replay with -Dsluice.fuzz.seed="
                + SEED + ") on input: " + (input.length() > 2_000 ? input.substring(0, 2_000) + "..." : input);
    }

    public static String describe(String target, int iteration, byte[] input) {
        return describe(target, iteration, HexFormat.of().formatHex(input));
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
