package io.lodestar.acs.sim.client;

import io.lodestar.acs.httpauth.AuthParams;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's listener for TR-069 Connection Requests (3.2.2): one HTTP server on 127.0.0.1 for all CPEs
 * that accept them, each at its own path {@code /cr/<OUI>-<ProductClass>-<Serial>}. A GET authenticated with
 * the CPE's ManagementServer.ConnectionRequestUsername/Password (Digest, or Basic; none when both are empty)
 * is answered 200 and starts a session with {@code 6 CONNECTION REQUEST}; 503 while the CPE is in a session,
 * 401 with a Digest challenge when unauthenticated, 404 for unknown paths, 405 for other methods.
 */
final class ConnectionRequestServer {

    static final String REALM = "lodestar-sim";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_NONCES = 10_000;

    private final Channel channel;
    private final Map<String, SimulatedCpe> cpes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> nonces = new ConcurrentHashMap<>();
    /** The algorithm the challenge names (RFC 7616 lets the server choose; MD5 is what most CPEs send). */
    private volatile DigestAlgorithm challengeAlgorithm = DigestAlgorithm.MD5;

    private ConnectionRequestServer(Channel channel) {
        this.channel = channel;
    }

    /** Binds on 127.0.0.1, an ephemeral port; blocks the calling thread (never an event loop) until bound. */
    static ConnectionRequestServer start(EventLoopGroup group) {
        Holder holder = new Holder();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new RequestHandler(holder));
                    }
                });
        Channel ch = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        holder.server = new ConnectionRequestServer(ch);
        return holder.server;
    }

    void challengeWith(DigestAlgorithm algorithm) {
        this.challengeAlgorithm = java.util.Objects.requireNonNull(algorithm);
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Registers a CPE and returns its connection request URL. */
    String register(SimulatedCpe cpe) {
        String base = "/cr/" + safe(cpe.deviceId().oui() + "-" + cpe.deviceId().productClass() + "-"
                + cpe.deviceId().serialNumber());
        String path = base;
        for (int i = 2; cpes.putIfAbsent(path, cpe) != null; i++) {
            path = base + "-" + i;
        }
        return "http://127.0.0.1:" + port() + path;
    }

    private static String safe(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' ? c : '_');
        }
        return sb.toString();
    }

    void close() {
        channel.close().syncUninterruptibly();
    }

    private String newNonce() {
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String nonce = HexFormat.of().formatHex(raw);
        if (nonces.size() >= MAX_NONCES) {
            Iterator<String> it = nonces.keySet().iterator();
            for (int i = 0; i < MAX_NONCES / 2 && it.hasNext(); i++) {
                it.next();
                it.remove();
            }
        }
        nonces.put(nonce, Boolean.TRUE);
        return nonce;
    }

    /** Whether the request carries the CPE's connection request credentials. */
    private boolean authenticated(FullHttpRequest request, SimulatedCpe cpe) {
        String root = cpe.model().root();
        String user = cpe.model().value(root + "ManagementServer.ConnectionRequestUsername").orElse("");
        String pass = cpe.model().value(root + "ManagementServer.ConnectionRequestPassword").orElse("");
        if (user.isEmpty() && pass.isEmpty()) {
            return true;
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth == null) {
            return false;
        }
        String a = auth.trim();
        if (a.regionMatches(true, 0, "Basic ", 0, 6)) {
            String expected = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
            return a.substring(6).trim().equals(expected);
        }
        if (!a.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = AuthParams.parse(a.substring(7));
        String nonce = p.get("nonce");
        if (nonce == null || !nonces.containsKey(nonce) || !user.equals(p.get("username"))) {
            return false;
        }
        String qop = p.get("qop");
        var algorithm = DigestAlgorithm.fromToken(p.get("algorithm"));
        if (algorithm.isEmpty()) {
            return false;
        }
        String expected = Digest.response(algorithm.get(), user, p.getOrDefault("realm", REALM), pass,
                request.method().name(), p.getOrDefault("uri", request.uri()), nonce, p.getOrDefault("nc", ""),
                p.getOrDefault("cnonce", ""), qop);
        return Digest.sameHex(expected, p.getOrDefault("response", "").toLowerCase(java.util.Locale.ROOT));
    }

    private static final class Holder {
        volatile ConnectionRequestServer server;
    }

    private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Holder holder;

        RequestHandler(Holder holder) {
            this.holder = holder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ConnectionRequestServer server = holder.server;
            String path = new QueryStringDecoder(request.uri()).path();
            SimulatedCpe cpe = server == null ? null : server.cpes.get(path);
            FullHttpResponse response;
            if (cpe == null) {
                response = reply(HttpResponseStatus.NOT_FOUND);
            } else if (!request.method().equals(HttpMethod.GET)) {
                response = reply(HttpResponseStatus.METHOD_NOT_ALLOWED);
            } else if (!server.authenticated(request, cpe)) {
                if (request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
                    cpe.connectionRequestRejected();
                }
                response = reply(HttpResponseStatus.UNAUTHORIZED);
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Digest realm=\"" + REALM
                        + "\", qop=\"auth\", algorithm=" + server.challengeAlgorithm.token() + ", nonce=\""
                        + server.newNonce() + "\"");
            } else if (!cpe.connectionRequested()) {
                response = reply(HttpResponseStatus.SERVICE_UNAVAILABLE);
            } else {
                response = reply(HttpResponseStatus.OK);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse reply(HttpResponseStatus status) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return r;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
