package io.lodestar.acs.core.task;

import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaskTest {

    private static final DeviceId DEVICE = new DeviceId("00D09E-Router-SN1");
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(3));

    private final Task queued = Task.queue(DEVICE, new TaskAction.Reboot("x"), T, Duration.ofHours(2));

    @Test
    void aQueuedTaskIsPendingAndDueAtOnce() {
        assertThat(queued.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(queued.createdAt()).isEqualTo(T);
        assertThat(queued.notBefore()).isEqualTo(T);
        assertThat(queued.expiresAt()).isEqualTo(T.plus(Duration.ofHours(2)));
        assertThat(queued.attempts()).isZero();
        assertThat(queued.lastFault()).isNull();
        assertThat(queued.result()).isNull();
        assertThat(queued.completedAt()).isNull();
        assertThat(queued.deviceId()).isEqualTo(DEVICE);
    }

    @Test
    void itExpiresAtItsExpiryInstant() {
        Instant expiry = queued.expiresAt();
        assertThat(queued.isExpiredAt(expiry.minusNanos(1))).isFalse();
        assertThat(queued.isExpiredAt(expiry)).isTrue();
        assertThat(queued.isExpiredAt(expiry.plusSeconds(1))).isTrue();
    }

    @Test
    void failedAttemptsBackOffThenFailForGood() {
        TaskFault f1 = new TaskFault(9002, "Internal error", T);
        Task once = queued.failedAttempt(f1, RETRY, T);
        assertThat(once.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(once.notBefore()).isEqualTo(T.plus(Duration.ofMinutes(1)));
        assertThat(once.lastFault()).isEqualTo(f1);
        assertThat(once.completedAt()).isNull();

        Instant t2 = T.plus(Duration.ofMinutes(5));
        Task twice = once.failedAttempt(new TaskFault(9002, "again", t2), RETRY, t2);
        assertThat(twice.attempts()).isEqualTo(2);
        assertThat(twice.notBefore()).isEqualTo(t2.plus(Duration.ofMinutes(2)));

        Instant t3 = t2.plus(Duration.ofMinutes(5));
        TaskFault last = new TaskFault(9002, "last", t3);
        Task failed = twice.failedAttempt(last, RETRY, t3);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastFault()).isEqualTo(last);
        assertThat(failed.completedAt()).isEqualTo(t3);
        assertThat(failed.status().isFinal()).isTrue();
    }

    @Test
    void oneAttemptOnlyFailsAtTheFirstFault() {
        Task failed = queued.failedAttempt(new TaskFault(0, "ended", T), new RetryPolicy(1, Duration.ZERO,
                Duration.ZERO), T);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
    }

    @Test
    void doneExpiredAndCancelledAreFinal() {
        Task done = queued.done(new TaskResult.Status(0, 0), T);
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.result()).isEqualTo(new TaskResult.Status(0, 0));
        assertThat(done.completedAt()).isEqualTo(T);

        assertThat(queued.expired(T).status()).isEqualTo(TaskStatus.EXPIRED);
        assertThat(queued.expired(T).completedAt()).isEqualTo(T);
        assertThat(queued.cancelled(T).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(TaskStatus.PENDING.isFinal()).isFalse();
        assertThat(done.id()).isEqualTo(queued.id());
    }
}
