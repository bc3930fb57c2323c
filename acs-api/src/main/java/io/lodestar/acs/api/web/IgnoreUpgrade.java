package io.lodestar.acs.api.web;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

import java.io.IOException;

/**
 * Serves requests that offer a protocol upgrade (chiefly {@code Upgrade: h2c}, which the JDK's HttpClient sends on
 * every plain-HTTP request at its default version) as the HTTP/1.1 requests they also are, as RFC 9110 §7.8 lets a
 * server do. Grizzly, left alone, treats an upgrade request's body as the raw stream of the new protocol: a POST's
 * JSON body never ends, Jersey's read times out and the client gets a 500 after the wait. The API speaks no other
 * protocol (no HTTP/2, no WebSocket), so every upgrade offer is dropped.
 */
public final class IgnoreUpgrade extends BaseFilter implements AddOn {

    /** Puts the filter right after Grizzly's HTTP codec, which announces an upgrade to the filters after it. */
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec in the API's filter chain");
        }
        builder.add(codec + 1, this);
    }

    /**
     * Called synchronously from the codec once the headers are parsed and before the body is, so undoing the upgrade
     * here makes the body be read by its Content-Length or chunks, and the connection kept alive, as usual.
     */
    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
            header.getUpgradeDC().recycle();
            header.setIgnoreContentModifiers(false);
            header.getHeaders().removeHeader("Upgrade");
            header.getHeaders().removeHeader("HTTP2-Settings");
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }
}
