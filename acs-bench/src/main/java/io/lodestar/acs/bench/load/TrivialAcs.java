package io.lodestar.acs.bench.load;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.InformResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The limit a real ACS is measured against (issue 21): a trivial Netty HTTP server that answers an Inform with an
 * InformResponse, the CPE's empty POST with one GetParameterValues, and the CPE's answer with 204, pre-encoded,
 * without decoding, authenticating, storing or deciding anything. It tells requests apart by a byte search (an
 * empty body, an Inform, anything else), which is all the load generator's sessions need.
 */
final class TrivialAcs implements AutoCloseable {

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final Channel channel;

    TrivialAcs() throws InterruptedException {
        CwmpCodec codec = CwmpCodec.standard();
        byte[] informResponse = codec.encode(new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.withId("1"),
                new InformResponse(1)));
        byte[] gpv = codec.encode(new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.withId("acs-1"),
                new GetParameterValues(List.of("Device.DeviceInfo.UpTime"))));
        ChannelHandler answer = new Answer(informResponse, gpv);
        channel = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024 * 1024), answer);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + "/");
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {

        private static final byte[] INFORM = ":Inform>".getBytes(StandardCharsets.US_ASCII);
        private final byte[] informResponse;
        private final byte[] gpv;

        Answer(byte[] informResponse, byte[] gpv) {
            this.informResponse = informResponse;
            this.gpv = gpv;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] body;
            if (!request.content().isReadable()) {
                body = gpv;
            } else if (ByteBufUtil.indexOf(Unpooled.wrappedBuffer(INFORM), request.content()) >= 0) {
                body = informResponse;
            } else {
                body = null;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    body == null ? HttpResponseStatus.NO_CONTENT : HttpResponseStatus.OK,
                    body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            if (body != null) {
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=\"utf-8\"");
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
            ctx.writeAndFlush(response);
        }
    }
}
