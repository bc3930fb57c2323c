package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.task.RetryPolicy;

/**
 * The operator's choices that shape every session.
 *
 * @param identityScheme   how device ids are derived from the Inform's DeviceId
 * @param autoRegister     whether unknown devices are registered on their first Inform (else refused)
 * @param discoveryMode    how the data model is walked
 * @param valuesPerRequest how many names one discovery GetParameterValues asks for
 * @param maxParameters    the most parameters one discovery learns before it stops (a guard against runaway CPEs)
 * @param retryPolicy      how failed tasks are retried
 */
public record SessionPolicy(IdentityScheme identityScheme, boolean autoRegister, DiscoveryMode discoveryMode,
                            int valuesPerRequest, int maxParameters, RetryPolicy retryPolicy) {

    public static final SessionPolicy DEFAULT = new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL, true,
            DiscoveryMode.LEVEL_BY_LEVEL, 64, 100_000, RetryPolicy.DEFAULT);

    public SessionPolicy {
        if (valuesPerRequest < 1) {
            throw new IllegalArgumentException("valuesPerRequest must be at least 1");
        }
        if (maxParameters < 1) {
            throw new IllegalArgumentException("maxParameters must be at least 1");
        }
    }
}
