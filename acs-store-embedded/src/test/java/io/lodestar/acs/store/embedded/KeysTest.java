package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KeysTest {

    private static String randomText(Random r) {
        char[] pool = {'\u0000', '\u0001', '\u0002', 'a', 'z', '.', '-', '\u007f', '\u0080', '\u07ff', '\u0800',
                '\uD83D', '\uDE80', '\uE000', '\uFF21', '\uFFFF'};
        int n = r.nextInt(6);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(pool[r.nextInt(pool.length)]);
        }
        return s.toString();
    }

    @Test
    void textEncodingKeepsStringOrderAndRoundTrips() {
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String a = randomText(r);
            String b = randomText(r);
            byte[] ea = Keys.text(a);
            byte[] eb = Keys.text(b);
            assertThat(Integer.signum(Keys.compare(ea, eb))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(a.compareTo(b)));
            assertThat(Keys.decodeText(ea, 0, ea.length)).isEqualTo(a);
            for (byte x : ea) {
                assertThat(x).isNotEqualTo((byte) 0);
            }
        }
    }

    @Test
    void asciiTextIsItself() {
        assertThat(Keys.text("Device.WiFi.SSID.1.SSID"))
                .isEqualTo("Device.WiFi.SSID.1.SSID".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void everyKeyOfADeviceLiesInItsRangeAndNoOtherDevicesKey() {
        List<String> ids = List.of("a", "a\u0000", "a\u0001", "a\u0002", "ab", "a.b");
        for (String owner : ids) {
            byte[] dev = Keys.device(new DeviceId(owner));
            byte[] start = Keys.deviceStart(dev);
            byte[] end = Keys.deviceEnd(dev);
            for (String other : ids) {
                byte[] key = Keys.parameter(Keys.device(new DeviceId(other)), "Device.X");
                boolean inside = Keys.compare(key, start) >= 0 && Keys.compare(key, end) < 0;
                assertThat(inside).as("key of %s in range of %s", other, owner).isEqualTo(owner.equals(other));
            }
        }
    }

    @Test
    void historyKeysOrderByInstantThenSequence() {
        byte[] dev = Keys.device(new DeviceId("d"));
        List<byte[]> ordered = new ArrayList<>();
        ordered.add(Keys.history(dev, Instant.ofEpochSecond(-5, 10), 9));
        ordered.add(Keys.history(dev, Instant.EPOCH, 1));
        ordered.add(Keys.history(dev, Instant.EPOCH.plusNanos(1), 0));
        ordered.add(Keys.history(dev, Instant.parse("2025-01-01T00:00:00Z"), 1));
        ordered.add(Keys.history(dev, Instant.parse("2025-01-01T00:00:00Z"), 2));
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(Keys.compare(ordered.get(i - 1), ordered.get(i))).isNegative();
        }
        assertThat(Keys.historySequence(ordered.get(0))).isEqualTo(9);
    }

    @Test
    void prefixEndFollowsEveryKeyWithThePrefix() {
        byte[] p = {0x41, (byte) 0xff};
        assertThat(Keys.prefixEnd(p)).containsExactly(0x42);
        assertThat(Keys.prefixEnd("Device.".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("Device/".getBytes(StandardCharsets.US_ASCII));
    }
}
