package io.lodestar.acs.codec;

/**
 * The end of the CWMP session a codec instance serves. Only two wire names are sent by both ends with
 * different meanings, {@code GetRPCMethods} and {@code GetRPCMethodsResponse}; nothing in the envelope tells
 * them apart, so the decoder must know who is listening:
 *
 * <ul>
 *   <li>{@link #ACS}: decodes what CPEs send. {@code GetRPCMethods} becomes
 *       {@link io.lodestar.acs.core.rpc.CpeGetRPCMethods}, {@code GetRPCMethodsResponse} becomes
 *       {@link io.lodestar.acs.core.rpc.GetRPCMethodsResponse}.</li>
 *   <li>{@link #CPE}: decodes what an ACS sends (the simulator). {@code GetRPCMethods} becomes
 *       {@link io.lodestar.acs.core.rpc.GetRPCMethods}, {@code GetRPCMethodsResponse} becomes
 *       {@link io.lodestar.acs.core.rpc.AcsGetRPCMethodsResponse}.</li>
 * </ul>
 *
 * Every other message decodes the same on both sides, and encoding does not depend on the side.
 */
public enum CodecSide {
    /** The codec runs in the ACS and reads messages from CPEs. */
    ACS,
    /** The codec runs in a CPE (or the simulator) and reads messages from the ACS. */
    CPE
}
