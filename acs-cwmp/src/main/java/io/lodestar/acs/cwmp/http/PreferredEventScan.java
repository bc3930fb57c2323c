package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.EventStruct;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;

/**
 * Whether a request's raw bytes contain {@code 6 CONNECTION REQUEST} or {@code 7 TRANSFER COMPLETE} anywhere: the
 * lane guess of {@link CwmpRequestHandler#laneOf}, made on the I/O thread before the request is decoded, for every
 * request that opens a session.
 *
 * <p>One pass over the bytes with {@link ByteBuf#forEachByte}, which an aggregated request (a composite buffer)
 * walks component by component. It replaced two {@code ByteBufUtil.indexOf} calls, which read the body byte by
 * byte through the composite's per-index lookup and access checks, once per code: about a fifth of the ACS's CPU
 * samples in the load benchmark's periodic sessions (docs/session-benchmark.md, "Fourth pass"). The answer is the
 * same: the codes' first characters (the digits) occur nowhere else in them, so on a mismatch a match can only
 * start again at the byte in hand, and a one-state-per-code matcher finds every occurrence a substring search does.
 */
final class PreferredEventScan {

    private static final byte[] CONNECTION_REQUEST = EventStruct.CONNECTION_REQUEST.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_COMPLETE = EventStruct.TRANSFER_COMPLETE.getBytes(StandardCharsets.US_ASCII);

    static {
        requireFirstByteOnce(CONNECTION_REQUEST);
        requireFirstByteOnce(TRANSFER_COMPLETE);
    }

    private PreferredEventScan() {
    }

    /** True when the readable bytes of {@code body} contain either event code; the buffer's indexes are not moved. */
    static boolean namesPreferredEvent(ByteBuf body) {
        if (body.readableBytes() < Math.min(CONNECTION_REQUEST.length, TRANSFER_COMPLETE.length)) {
            return false;
        }
        return body.forEachByte(new Matcher()) >= 0;
    }

    /** Stops (returns false) at the last byte of the first occurrence of either code. */
    private static final class Matcher implements ByteProcessor {
        private int connectionRequest;
        private int transferComplete;

        @Override
        public boolean process(byte value) {
            connectionRequest = step(CONNECTION_REQUEST, connectionRequest, value);
            transferComplete = step(TRANSFER_COMPLETE, transferComplete, value);
            return connectionRequest < CONNECTION_REQUEST.length && transferComplete < TRANSFER_COMPLETE.length;
        }

        private static int step(byte[] code, int matched, byte value) {
            if (code[matched] == value) {
                return matched + 1;
            }
            return code[0] == value ? 1 : 0;
        }
    }

    private static void requireFirstByteOnce(byte[] code) {
        for (int i = 1; i < code.length; i++) {
            if (code[i] == code[0]) {
                throw new IllegalStateException("the scan needs an event code whose first byte occurs once");
            }
        }
    }
}
