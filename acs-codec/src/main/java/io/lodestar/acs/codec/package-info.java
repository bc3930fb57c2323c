/**
 * The CWMP SOAP codec: bytes on the wire to {@link io.lodestar.acs.core.rpc.CwmpEnvelope} records and
 * back. Nothing here knows about HTTP, sessions or storage.
 */
package io.lodestar.acs.codec;
