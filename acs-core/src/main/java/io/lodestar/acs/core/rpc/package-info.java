/**
 * CWMP (TR-069) messages as immutable records, free of any XML: what the codec in {@code acs-codec} reads
 * and writes, and what the session engine reasons about. Each record is one RPC, response or fault of
 * TR-069 Annex A; structures shared by several messages ({@link ParameterValueStruct} and friends) sit
 * beside them.
 */
package io.lodestar.acs.core.rpc;
