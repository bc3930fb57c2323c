package io.lodestar.acs.service;

import io.lodestar.acs.core.task.TaskId;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a queued task may wait for its device: a time to live from now, or an instant after which it is no
 * longer attempted. Give one of them; with neither, {@link #DEFAULT_TIME_TO_LIVE} applies.
 *
 * @param timeToLive how long from now, or null
 * @param expiresAt  until when, or null
 * @param after      a task of the same device this one waits for (it runs once that one is done, and fails when
 *                   that one fails, expires or is cancelled), or null: it waits for none
 */
public record QueueOptions(Duration timeToLive, Instant expiresAt, TaskId after) {

    public QueueOptions(Duration timeToLive, Instant expiresAt) {
        this(timeToLive, expiresAt, null);
    }

    /** A week: long enough for a device that informs daily to miss a few sessions. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofDays(7);

    public static final QueueOptions DEFAULT = new QueueOptions(null, null);

    public static QueueOptions timeToLive(Duration timeToLive) {
        return new QueueOptions(timeToLive, null);
    }

    public static QueueOptions expiringAt(Instant expiresAt) {
        return new QueueOptions(null, expiresAt);
    }

    /** These options, for a task that waits for {@code prerequisite} (null: for none). */
    public QueueOptions after(TaskId prerequisite) {
        return new QueueOptions(timeToLive, expiresAt, prerequisite);
    }

    /**
     * When a task queued at {@code now} expires.
     *
     * @throws ServiceException BAD_ARGUMENT for both options at once, a time to live that is not positive or
     *                          an expiry that is not in the future
     */
    Instant expiryFrom(Instant now) {
        if (timeToLive != null && expiresAt != null) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, "give a time to live or an expiry, not both");
        }
        if (expiresAt != null) {
            if (!expiresAt.isAfter(now)) {
                throw new ServiceException(ErrorCode.BAD_ARGUMENT, "expiry " + expiresAt + " is not in the future");
            }
            return expiresAt;
        }
        Duration ttl = timeToLive == null ? DEFAULT_TIME_TO_LIVE : timeToLive;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, "time to live " + ttl + " is not positive");
        }
        try {
            return now.plus(ttl);
        } catch (DateTimeException | ArithmeticException e) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, "time to live " + ttl + " is too long");
        }
    }
}
