package io.lodestar.acs.datamodel;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures docs/datamodel.md quotes: how long building the index of every shipped model takes, and the heap it
 * keeps. Run alone for clean numbers: {@code mvn -B -o -pl acs-datamodel -am verify -Dtest=IndexFootprintTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. The bounds are loose: a regression by several times fails.
 */
class IndexFootprintTest {

    @Test
    void theIndexOfEveryShippedModelIsBuiltInSecondsAndKeepsAFewMegabytes() {
        StandardModels models = StandardModels.load(StandardModels.RESOURCES);
        long with = usedHeap();
        assertThat(models.parameter("Device.DeviceInfo.SoftwareVersion", StandardModels.Root.DEVICE_2)).isPresent();
        int parameters = models.models().stream().mapToInt(m -> m.parameters().size()).sum();
        int objects = models.models().stream().mapToInt(m -> m.objects().size()).sum();
        long buildMillis = models.buildMillis();
        int count = models.models().size();
        models = null; // what the index holds is what a collection frees once it is dropped
        long retained = with - usedHeap();
        System.out.printf("datamodel index: %d models, %d objects, %d parameters, built in %d ms, retains ~%.1f MB%n",
                count, objects, parameters, buildMillis, retained / 1048576.0);
        assertThat(buildMillis).isLessThan(20_000);
        assertThat(retained).isLessThan(64L << 20);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
