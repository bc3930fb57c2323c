package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated corpus messages (flipped, deleted and inserted bytes, truncations) either decode or fail with
 * CwmpDecodeException: no other exception, whatever the bytes.
 */
class FuzzTest {

    private static final List<String> SEEDS = List.of("simulatr69-inform-request.xml",
            "thomson-st780-inform-boot-periodic-valuechange.xml", "simulatr69-fault-set-parameter-values-response.xml",
            "model-cwmp12-dustatechangecomplete.xml", "model-cwmp14-inform-bootstrap-supportedversions.xml",
            "simulatr69-download-request.xml", "model-cwmp12-gparesponse-lightweight-notification.xml");

    private static final byte[] INTERESTING = "<>&;:\"'/=?! \n\0\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void mutatedMessagesOnlyEverFailWithDecodeExceptions() {
        Random random = new Random(20261201);
        CwmpCodec[] codecs = {CwmpCodec.standard(), CwmpCodec.forCpe()};
        int decoded = 0;
        int rejected = 0;
        for (String seed : SEEDS) {
            byte[] original = Conformance.message(seed);
            for (int i = 0; i < 400; i++) {
                byte[] mutant = mutate(original, random);
                try {
                    codecs[i % 2].decode(mutant);
                    decoded++;
                } catch (CwmpDecodeException e) {
                    rejected++;
                }
            }
        }
        assertThat(decoded + rejected).isEqualTo(SEEDS.size() * 400);
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
            }
        }
        return b;
    }
}
