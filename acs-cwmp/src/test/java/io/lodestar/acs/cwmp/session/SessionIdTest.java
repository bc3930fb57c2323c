package io.lodestar.acs.cwmp.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Session ids (the cookie): unguessable, URL-safe, never handed out twice. */
class SessionIdTest {

    @Test
    void anIdIs144RandomBitsAs24UrlSafeCharacters() {
        for (int i = 0; i < 1_000; i++) {
            String id = SessionRegistry.newId();
            assertThat(id).hasSize(24).matches("[A-Za-z0-9_-]{24}");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(SessionRegistry.ID_BYTES);
        }
    }

    @Test
    void idsDrawnAcrossManyRefillsOfOneThreadAreAllDifferent() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(SessionRegistry.newId());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void idsDrawnOnSeveralThreadsAtOnceAreAllDifferent() throws InterruptedException {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 10_000; i++) {
                    ids.add(SessionRegistry.newId());
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(80_000);
    }

    @Test
    void consecutiveIdsShareNotEvenTheirFirst64Bits() {
        // no two consecutive ids share their leading 8 bytes: the buffer is not handed out twice or misaligned
        byte[] last = null;
        for (int i = 0; i < 1_000; i++) {
            byte[] id = Base64.getUrlDecoder().decode(SessionRegistry.newId());
            if (last != null) {
                assertThat(java.util.Arrays.equals(id, 0, 8, last, 0, 8)).isFalse();
            }
            last = id;
        }
    }
}
