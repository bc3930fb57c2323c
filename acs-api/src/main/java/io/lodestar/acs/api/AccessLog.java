package io.lodestar.acs.api;

import io.lodestar.acs.api.auth.AuthFilter;
import io.lodestar.acs.core.access.ApiToken;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One debug line per request (refusals at info), with everything from the request escaped. */
final class AccessLog implements ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger("io.lodestar.acs.api.access");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String who = request.getProperty(AuthFilter.TOKEN) instanceof ApiToken t ? t.name() : "-";
        int status = response.getStatus();
        if (status == 401 || status == 403 || status == 429 || status >= 500) {
            LOG.info("{} {} -> {} (token {})", request.getMethod(),
                    LogSafe.escape(request.getUriInfo().getRequestUri().getRawPath()), status, LogSafe.escape(who));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} (token {})", request.getMethod(),
                    LogSafe.escape(request.getUriInfo().getRequestUri().getRawPath()), status, LogSafe.escape(who));
        }
    }
}
