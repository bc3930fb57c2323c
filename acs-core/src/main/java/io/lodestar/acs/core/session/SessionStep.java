package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.CwmpMessage;

/** What the ACS does next in a session. */
public sealed interface SessionStep {

    /** Send this message to the CPE. */
    record Send(CwmpMessage message) implements SessionStep {}

    /** The ACS has nothing more to ask: answer with an empty 204 and end the session. */
    record End() implements SessionStep {}
}
