package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.Inform;

/**
 * The devices this node has a connection request under way for (the connection requester knows them): admission
 * control prefers their Informs whatever events they carry, as it prefers {@code 6 CONNECTION REQUEST}.
 */
public interface WakesPending {

    /** None: only the Informs' events say which sessions are preferred. */
    WakesPending NONE = new WakesPending() {
        @Override
        public boolean pendingFor(Inform inform) {
            return false;
        }

        @Override
        public boolean any() {
            return false;
        }
    };

    /** Whether a connection request is under way for the device of this Inform; cheap, must not block or throw. */
    boolean pendingFor(Inform inform);

    /** Whether any is under way now; cheap. */
    boolean any();
}
