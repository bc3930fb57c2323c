package io.lodestar.acs.sim.rpc;

import io.lodestar.acs.core.rpc.FaultStruct;

import java.util.Objects;

/**
 * How a simulated CPE moves files: the I/O that {@link CpeRpcHandler} (which does none) hands its transfers to
 * when a session ends. {@link #NONE} moves nothing and reports every well-formed transfer done, as a CPE model
 * without a network would.
 */
public interface TransferAgent {

    /** Fetches {@code url} with the credentials given ("" none); {@code expectedSize} 0 means unknown. */
    Fetched download(String url, String username, String password, long expectedSize);

    /** PUTs {@code body} to {@code url}; {@link FaultStruct#NONE} on success. */
    FaultStruct upload(String url, String username, String password, String contentType, byte[] body);

    /** A download's outcome: the fault ({@link FaultStruct#NONE} on success) and the file's bytes. */
    record Fetched(FaultStruct fault, byte[] body) {
        public Fetched {
            Objects.requireNonNull(fault, "fault");
            body = body == null ? new byte[0] : body;
        }

        public static Fetched failed(int code, String detail) {
            return new Fetched(new FaultStruct(code, CpeFaults.text(code) + ": " + detail), null);
        }
    }

    TransferAgent NONE = new TransferAgent() {
        @Override
        public Fetched download(String url, String username, String password, long expectedSize) {
            return new Fetched(FaultStruct.NONE, null);
        }

        @Override
        public FaultStruct upload(String url, String username, String password, String contentType, byte[] body) {
            return FaultStruct.NONE;
        }
    };
}
