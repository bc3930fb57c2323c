package io.lodestar.acs.core.task;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskIdTest {

    @Test
    void idsCreatedAtIncreasingInstantsSortInThatOrder() {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        List<TaskId> created = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            created.add(TaskId.create(t.plusMillis(i)));
        }
        // and far apart, from 1970 to far beyond today
        created.add(TaskId.create(Instant.parse("2100-01-01T00:00:00Z")));
        created.add(TaskId.create(Instant.parse("3000-01-01T00:00:00Z")));
        List<TaskId> sorted = new ArrayList<>(created);
        java.util.Collections.shuffle(sorted, new java.util.Random(7));
        sorted.sort(null);

        assertThat(sorted).containsExactlyElementsOf(created);
        assertThat(new HashSet<>(created)).hasSize(created.size());
        // the lexical order of the strings is the order too, for stores that sort strings
        List<String> values = created.stream().map(TaskId::value).sorted().toList();
        assertThat(values).containsExactlyElementsOf(created.stream().map(TaskId::value).toList());
        assertThat(TaskId.create(Instant.EPOCH)).isLessThan(created.get(0));
    }

    @Test
    void anIdLooksLikeAVersion7Uuid() {
        TaskId id = TaskId.create(Instant.parse("2025-03-01T10:00:00Z"));

        assertThat(id.value()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(id.toString()).isEqualTo(id.value());
        assertThat(java.util.UUID.fromString(id.value()).version()).isEqualTo(7);
        // its first 48 bits are the creation time in milliseconds
        long millis = Long.parseLong(id.value().replace("-", "").substring(0, 12), 16);
        assertThat(millis).isEqualTo(Instant.parse("2025-03-01T10:00:00Z").toEpochMilli());
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        HashSet<TaskId> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(TaskId.create(t));
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void malformedIdsAreRejected() {
        assertThatThrownBy(() -> new TaskId("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskId("0190ABCD-0000-7000-8000-000000000001"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskId(null)).isInstanceOf(NullPointerException.class);
        assertThat(new TaskId("0190abcd-0000-7000-8000-000000000001").value())
                .isEqualTo("0190abcd-0000-7000-8000-000000000001");
    }

    @Test
    void idsOfTheSameMillisecondSortInCreationOrder() {
        java.time.Instant instant = java.time.Instant.parse("2030-01-01T00:00:00Z");
        java.util.List<TaskId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add(TaskId.create(instant));
        }
        org.assertj.core.api.Assertions.assertThat(ids).isSortedAccordingTo(java.util.Comparator.naturalOrder())
                .doesNotHaveDuplicates();
    }
}
