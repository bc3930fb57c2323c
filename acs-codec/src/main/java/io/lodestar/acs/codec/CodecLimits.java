package io.lodestar.acs.codec;

/**
 * Bounds the decoder enforces on every message, so that no CPE can make the ACS spend unbounded memory
 * or time on one envelope.
 *
 * @param maxDepth      deepest element nesting
 * @param maxElements   most elements in one envelope
 * @param maxTextLength longest text content of one element, in characters
 */
public record CodecLimits(int maxDepth, int maxElements, int maxTextLength) {

    /** Generous for real CPEs: a 3343-parameter GetParameterNamesResponse has about 10,000 elements. */
    public static final CodecLimits DEFAULT = new CodecLimits(32, 1_000_000, 256 * 1024);
}
