package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRpcsTest {

    private static final ParameterValueStruct V = ParameterValueStruct.string("Device.X", "1");

    @Test
    void eachOneRpcActionSendsItsRequest() {
        assertThat(TaskRpcs.requestFor(new TaskAction.GetParameterValues(List.of("Device.A", "Device.B."))))
                .isEqualTo(new GetParameterValues(List.of("Device.A", "Device.B.")));
        assertThat(TaskRpcs.requestFor(new TaskAction.SetParameterValues(List.of(V), "pk")))
                .isEqualTo(new SetParameterValues(List.of(V), "pk"));
        assertThat(TaskRpcs.requestFor(new TaskAction.GetParameterNames("Device.", false)))
                .isEqualTo(new GetParameterNames("Device.", false));
        assertThat(TaskRpcs.requestFor(new TaskAction.AddObject("Device.T.", "pk")))
                .isEqualTo(new AddObject("Device.T.", "pk"));
        assertThat(TaskRpcs.requestFor(new TaskAction.DeleteObject("Device.T.2.", null)))
                .isEqualTo(new DeleteObject("Device.T.2.", ""));
        assertThat(TaskRpcs.requestFor(new TaskAction.Reboot("ck"))).isEqualTo(new Reboot("ck"));
        assertThat(TaskRpcs.requestFor(new TaskAction.FactoryReset())).isEqualTo(new FactoryReset());
        assertThatThrownBy(() -> TaskRpcs.requestFor(new TaskAction.Refresh("Device.")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMatchingAnswerCarriesTheResult() {
        assertThat(TaskRpcs.resultOf(new TaskAction.GetParameterValues(List.of("Device.X")),
                new GetParameterValuesResponse(List.of(V)))).contains(new TaskResult.Values(List.of(V)));
        assertThat(TaskRpcs.resultOf(new TaskAction.SetParameterValues(List.of(V), ""),
                new SetParameterValuesResponse(1))).contains(new TaskResult.Status(1, 0));
        ParameterInfoStruct info = new ParameterInfoStruct("Device.X", true);
        assertThat(TaskRpcs.resultOf(new TaskAction.GetParameterNames("Device.", true),
                new GetParameterNamesResponse(List.of(info)))).contains(new TaskResult.Names(List.of(info)));
        assertThat(TaskRpcs.resultOf(new TaskAction.AddObject("Device.T.", ""), new AddObjectResponse(7, 1)))
                .contains(new TaskResult.ObjectAdded(7, 1));
        assertThat(TaskRpcs.resultOf(new TaskAction.DeleteObject("Device.T.7.", ""), new DeleteObjectResponse(0)))
                .contains(new TaskResult.Status(0, 0));
        assertThat(TaskRpcs.resultOf(new TaskAction.Reboot(""), new RebootResponse()))
                .contains(new TaskResult.Status(0, 0));
        assertThat(TaskRpcs.resultOf(new TaskAction.FactoryReset(), new FactoryResetResponse()))
                .contains(new TaskResult.Status(0, 0));
    }

    @Test
    void anyOtherAnswerCarriesNoResult() {
        List<CwmpMessage> answers = List.of(new RebootResponse(), new FactoryResetResponse(),
                new SetParameterValuesResponse(0), new GetParameterValuesResponse(List.of()),
                CwmpFault.acs(9002, "Internal error"));
        assertThat(answers.stream().map(a -> TaskRpcs.resultOf(new TaskAction.AddObject("Device.T.", ""), a)))
                .allMatch(Optional::isEmpty);
        assertThat(TaskRpcs.resultOf(new TaskAction.Reboot(""), new FactoryResetResponse())).isEmpty();
        assertThat(TaskRpcs.resultOf(new TaskAction.GetParameterValues(List.of("Device.X")),
                new GetParameterNamesResponse(List.of()))).isEmpty();
    }
}
