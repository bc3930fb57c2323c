package io.lodestar.acs.bench.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

class BenchTreeTest {

    @ParameterizedTest
    @ValueSource(ints = {32, 150, 1_000, 10_000})
    void aTreeHasExactlyTheAskedParameters(int parameters) {
        assertThat(BenchTree.of(parameters, BenchTree.serial(parameters, 1)).parameterCount()).isEqualTo(parameters);
    }

    @Test
    void everySizeInformsTheSameParametersInTheSameNumberOfBytes() {
        List<Inform> informs = List.of(150, 1_000, 10_000).stream()
                .map(size -> BenchTree.of(size, BenchTree.serial(size, 1)))
                .map(BenchTreeTest::periodicInform).toList();
        List<Integer> bytes = informs.stream().map(i -> CwmpCodec.forCpe()
                .encode(new CwmpEnvelope(io.lodestar.acs.core.rpc.CwmpVersion.V1_2, CwmpHeader.withId("1"), i)).length)
                .toList();
        assertThat(informs).allSatisfy(i -> assertThat(i.parameterList()).hasSize(9));
        assertThat(bytes).containsOnly(bytes.get(0));
    }

    @Test
    void aTreeTooSmallForTheInformPartIsRefused() {
        assertThatThrownBy(() -> BenchTree.of(31, "S00031-000001"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32");
    }

    private static Inform periodicInform(DataModel model) {
        Inform live = new CpeRpcHandler(model).inform(List.of(EventStruct.of(EventStruct.PERIODIC)), 0);
        return new Inform(live.deviceId(), live.events(), 1, "2026-01-01T00:00:00Z", 0, live.parameterList());
    }
}
