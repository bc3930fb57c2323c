package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.InformResponse;

/** The outcome of an Inform: a session with its InformResponse, or a refusal the CPE receives as a fault. */
public sealed interface SessionOpening {

    record Accepted(CwmpSession session, InformResponse response) implements SessionOpening {}

    record Refused(CwmpFault fault) implements SessionOpening {}
}
