package io.lodestar.acs.server.profiles;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.crypto.EncodedProfile;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.service.ProfileBuilder;
import io.lodestar.acs.profiles.service.ProfileReply;
import io.lodestar.acs.profiles.service.ProfileRequest;
import io.lodestar.acs.profiles.service.ProfileService;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.lodestar.acs.profiles.template.RenderProblem;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.store.StoreUnavailableException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The file server's front for phone profiles, ahead of its file handler in each connection's pipeline: requests
 * for stored files ({@code /files/...}, {@code /uploads/...}) pass through untouched; {@code /files/profiles/
 * {template}} is a Download task's signed per-device URL, rendered at fetch time; every other path is a phone
 * resyncing its profile ({@link ProfileService}). Bodies (a POSTed status) are read whether sent with a length or
 * chunked, bounded; answers always carry Content-Length and the request's HTTP version, so HTTP/1.0 clients are
 * served as well as HTTP/1.1 ones. The service runs on the workers, never on the event loop.
 */
final class ProfileHttpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileHttpHandler.class);
    /** The signed URLs of Download tasks that name a profile: {@code /files/profiles/<template>?device=...}. */
    static final String DOWNLOAD_PREFIX = FileUrls.FILES + "profiles/";
    static final String DOWNLOAD_FILE_ID = "profiles/";
    private static final long RETRY_AFTER_SECONDS = 30;

    private enum Route { PASS, RESYNC, DOWNLOAD }

    /** Null until the ACS is up: phones get 503 meanwhile. */
    private final java.util.function.Supplier<ProfileService> service;
    private final StoredProfiles profiles;
    private final FileUrls urls;
    private final Executor workers;
    private final int maxBody;

    private Route route = Route.PASS;
    private HttpRequest request;
    private ByteArrayOutputStream body;
    private boolean tooLarge;

    ProfileHttpHandler(java.util.function.Supplier<ProfileService> service, StoredProfiles profiles, FileUrls urls, Executor workers, int maxBody) {
        this.service = service;
        this.profiles = profiles;
        this.urls = urls;
        this.workers = workers;
        this.maxBody = maxBody;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest r) {
            route = routeOf(r);
            if (route == Route.PASS) {
                ctx.fireChannelRead(msg);
                return;
            }
            request = r;
            body = new ByteArrayOutputStream();
            tooLarge = false;
        } else if (route == Route.PASS) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (msg instanceof HttpContent content) {
                ByteBuf b = content.content();
                if (body.size() + b.readableBytes() > maxBody + 1L) {
                    tooLarge = true; // read on and drop: the answer says 413
                } else {
                    b.getBytes(b.readerIndex(), body, b.readableBytes());
                }
                if (content instanceof LastHttpContent) {
                    dispatch(ctx);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a byte array stream does not fail", e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private static Route routeOf(HttpRequest r) {
        String path;
        try {
            path = new QueryStringDecoder(r.uri()).path();
        } catch (IllegalArgumentException e) {
            return Route.RESYNC; // the service refuses what it cannot read
        }
        if (path.startsWith(DOWNLOAD_PREFIX)) {
            return Route.DOWNLOAD;
        }
        return path.startsWith(FileUrls.FILES) || path.startsWith(FileUrls.UPLOADS) ? Route.PASS : Route.RESYNC;
    }

    private void dispatch(ChannelHandlerContext ctx) {
        HttpRequest r = request;
        byte[] bytes = tooLarge ? new byte[maxBody + 1] : body.toByteArray();
        Route which = route;
        route = Route.PASS;
        request = null;
        body = null;
        try {
            workers.execute(() -> {
                FullHttpResponse response = answer(ctx, r, which, bytes);
                ctx.executor().execute(() -> send(ctx, r, response));
            });
        } catch (RejectedExecutionException busy) {
            FullHttpResponse response = text(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy: retry later");
            response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            send(ctx, r, response);
        }
    }

    private FullHttpResponse answer(ChannelHandlerContext ctx, HttpRequest r, Route which, byte[] bytes) {
        try {
            return which == Route.DOWNLOAD ? download(r) : resync(ctx, r, bytes);
        } catch (StoreUnavailableException e) {
            LOG.warn("phone profile for {} not served, the store is unavailable: {}", escape(r.uri()), e.getMessage());
            FullHttpResponse response = text(HttpResponseStatus.SERVICE_UNAVAILABLE, "store unavailable: retry later");
            response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return response;
        } catch (RuntimeException e) {
            LOG.error("phone profile for {} failed", escape(r.uri()), e);
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    private FullHttpResponse resync(ChannelHandlerContext ctx, HttpRequest r, byte[] bytes) {
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getHostString() : null;
        ProfileRequest pr = new ProfileRequest(r.method().name(), r.uri(), r.headers().get(HttpHeaderNames.USER_AGENT),
                r.headers().get(HttpHeaderNames.AUTHORIZATION), r.headers().get(HttpHeaderNames.IF_NONE_MATCH), bytes,
                remote);
        ProfileService started = service.get();
        if (started == null) {
            throw new StoreUnavailableException("the ACS is starting", null);
        }
        ProfileReply reply = started.handle(pr);
        if (reply instanceof ProfileReply.Ok ok) {
            return profile(ok.profile(), ok.etag(), r.method());
        }
        if (reply instanceof ProfileReply.NotModified nm) {
            FullHttpResponse response = empty(HttpResponseStatus.NOT_MODIFIED);
            response.headers().set(HttpHeaderNames.ETAG, nm.etag());
            return response;
        }
        if (reply instanceof ProfileReply.Incomplete inc) {
            logIncomplete(inc.template(), inc.deviceId(), inc.problems());
            return text(HttpResponseStatus.NOT_FOUND, "no profile");
        }
        if (reply instanceof ProfileReply.NotFound nf) {
            LOG.debug("no phone profile for {}: {}", escape(r.uri()), escape(nf.reason()));
            return text(HttpResponseStatus.NOT_FOUND, "no profile");
        }
        if (reply instanceof ProfileReply.Redirect moved) {
            FullHttpResponse response = text(moved.permanent() ? HttpResponseStatus.MOVED_PERMANENTLY
                    : HttpResponseStatus.FOUND, "moved to " + moved.location());
            response.headers().set(HttpHeaderNames.LOCATION, moved.location());
            if (!moved.permanent()) {
                response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            }
            return response;
        }
        if (reply instanceof ProfileReply.Challenge c) {
            FullHttpResponse response = text(HttpResponseStatus.UNAUTHORIZED, "credentials required");
            response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, c.wwwAuthenticate());
            return response;
        }
        if (reply instanceof ProfileReply.Busy busy) {
            FullHttpResponse response = text(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy: retry later");
            response.headers().set(HttpHeaderNames.RETRY_AFTER, busy.retryAfterSeconds());
            return response;
        }
        if (reply instanceof ProfileReply.MethodNotAllowed) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
            response.headers().set(HttpHeaderNames.ALLOW, ProfileReply.MethodNotAllowed.ALLOW);
            return response;
        }
        return text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "status report too large");
    }

    /** A Download task's signed URL: the template rendered for the device the signature names. */
    private FullHttpResponse download(HttpRequest r) {
        if (!r.method().equals(HttpMethod.GET) && !r.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed here");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return response;
        }
        QueryStringDecoder uri = new QueryStringDecoder(r.uri());
        Map<String, String> query = new HashMap<>();
        uri.parameters().forEach((k, v) -> query.put(k, v.get(0)));
        FileUrls.Access access = urls.check(uri.path(), query);
        if (access != FileUrls.Access.GRANTED) {
            return text(HttpResponseStatus.FORBIDDEN, access == FileUrls.Access.EXPIRED
                    ? "the URL has expired: ask for a new one" : "the URL's signature is not valid");
        }
        String name = uri.path().substring(DOWNLOAD_PREFIX.length());
        DeviceId id = new DeviceId(query.get("device"));
        ProfileTemplate template = profiles.templates().find(name).orElse(null);
        ProfileDevice device = profiles.devices().byId(id).orElse(null);
        if (template == null || device == null) {
            return text(HttpResponseStatus.NOT_FOUND, "no profile");
        }
        ProfileBuilder.Result built = profiles.builder().build(template, device);
        if (built instanceof ProfileBuilder.Refused refused) {
            logIncomplete(name, id.value(), refused.problems());
            return text(HttpResponseStatus.NOT_FOUND, "no profile");
        }
        EncodedProfile p = ((ProfileBuilder.Built) built).profile();
        return profile(p, etag(p.body()), r.method());
    }

    private static FullHttpResponse profile(EncodedProfile p, String etag, HttpMethod method) {
        boolean head = method.equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(p.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, p.contentType())
                .set(HttpHeaderNames.ETAG, etag)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, p.body().length);
        if (p.contentEncoding() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_ENCODING, p.contentEncoding());
        }
        return response;
    }

    private static void logIncomplete(String template, String device, List<RenderProblem> problems) {
        LOG.warn("phone profile '{}' refused for device {} (answered 404): {}", escape(template), escape(device),
                escape(String.join("; ", problems.stream().map(RenderProblem::message).toList())));
    }

    /** Answers in the request's HTTP version; closes after it unless the client keeps the connection alive. */
    private static void send(ChannelHandlerContext ctx, HttpRequest r, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(r);
        response.setProtocolVersion(r.protocolVersion());
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        }
        if (keepAlive && r.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return response;
    }

    private static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Log text without CR, LF or other control characters. */
    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 512));
        for (int i = 0; i < s.length() && i < 512; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
