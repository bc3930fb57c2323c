package io.lodestar.acs.core.task;

import java.util.Set;

/**
 * The CPE fault codes that retrying cannot cure: the request itself is wrong for this device (a name it does not
 * have, a value or type it refuses, a method it lacks, a parameter it will not let be written), so sending the
 * same request again later gets the same fault. A task that meets one fails at once instead of backing off and
 * holding its dependants for the whole retry budget. Every other code (9002 internal error, 9004 resources
 * exceeded, the transfer failures that a server coming back can cure, vendor 9800-9899, the session ending
 * under a task) is transient and retried with back-off. docs/cwmp-support.md lists them, with the reasons.
 */
public final class IncurableFaults {

    /** TR-069 Amendment 6, Table A.5 (A.3.6): the codes in the class comment's first sentence. */
    private static final Set<Integer> CODES = Set.of(
            9000, // Method not supported
            9001, // Request denied (no reason specified)
            9003, // Invalid arguments
            9005, // Invalid parameter name
            9006, // Invalid parameter type
            9007, // Invalid parameter value
            9008, // Attempt to set a non-writable parameter
            9009, // Notification request rejected
            9012, // File transfer server authentication failure (the credentials are the task's)
            9013, // Unsupported protocol for file transfer
            9018, // File corrupted or otherwise unusable
            9019, // File authentication failure
            9021, // Cancelation of file transfer not permitted in current transfer state
            9022, // Invalid UUID format
            9023, // Unknown Execution Environment
            9025, // Deployment Unit to Execution Environment mismatch
            9026, // Duplicate Deployment Unit
            9028, // Unknown Deployment Unit
            9030, // Invalid Deployment Unit Update: downgrade not permitted
            9031, // Invalid Deployment Unit Update: version not specified
            9032, // Invalid Deployment Unit Update: version already exists
            8000  // "method not supported" in the ACS range, which some CPEs answer instead of 9000
    );

    private IncurableFaults() {}

    /** Whether a task that got this fault code should fail at once rather than be retried. */
    public static boolean contains(int faultCode) {
        return CODES.contains(faultCode);
    }

    /** The codes, for documentation and tests. */
    public static Set<Integer> codes() {
        return CODES;
    }
}
