package io.lodestar.acs.files;

import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.store.FileStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The file server: CPEs GET (or HEAD) the files of Download tasks and PUT or POST the files of Upload tasks, on
 * a port of its own ({@code files.port}, 7567), by per-device signed URLs ({@link FileUrls}). Netty; store calls
 * run on a bounded pool of workers (a distributed store may fetch a file into its local cache first), content
 * goes from the local file to the socket without passing through the heap ({@code FileRegion}). It uses its
 * {@link FileUrls} to check signatures only, so their public base does not matter to it.
 */
public final class FileServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileServer.class);
    /** How many store calls wait for a worker at most; more get 503. */
    private static final int WORK_QUEUE = 1024;

    private final FilesSettings settings;
    private final FileStore store;
    private final FileUrls urls;
    private final Path spool;
    private final Clock clock;
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private ThreadPoolExecutor workers;
    private Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    /** A handler per connection put ahead of the file handler (phone profiles), or null. */
    private final java.util.function.Supplier<io.netty.channel.ChannelHandler> front;

    private FileServer(FilesSettings settings, FileStore store, FileUrls urls, Path spool, Clock clock,
                       java.util.function.Supplier<io.netty.channel.ChannelHandler> front) {
        this.front = front;
        this.settings = settings;
        this.store = store;
        this.urls = urls;
        this.spool = spool;
        this.clock = clock;
    }

    /**
     * Starts a file server.
     *
     * @param spool where uploads of CPEs are kept while they arrive (they reach the store once complete)
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static FileServer start(FilesSettings settings, FileStore store, FileUrls urls, Path spool, Clock clock) {
        return start(settings, store, urls, spool, clock, null);
    }

    /**
     * As {@link #start(FilesSettings, FileStore, FileUrls, Path, Clock)}, with a handler per connection ahead of the
     * file handler ({@code front}, may be null): it answers the requests it claims (phone profiles) and passes the
     * others on.
     */
    public static FileServer start(FilesSettings settings, FileStore store, FileUrls urls, Path spool, Clock clock,
                                   java.util.function.Supplier<io.netty.channel.ChannelHandler> front) {
        FileServer server = new FileServer(Objects.requireNonNull(settings), Objects.requireNonNull(store),
                Objects.requireNonNull(urls), Objects.requireNonNull(spool), Objects.requireNonNull(clock), front);
        server.bind();
        return server;
    }

    private void bind() {
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WORK_QUEUE),
                r -> {
                    Thread t = new Thread(r, "files-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        SslContext ssl = settings.tls() ? sslContext(settings) : null;
        FileRequestHandler.Context context = new FileRequestHandler.Context(store, urls, workers, spool,
                settings.maxUploadBytes(), clock);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        p.addLast("idle", new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS));
                        p.addLast("http", new HttpServerCodec(8192, 16 * 1024, 64 * 1024));
                        p.addLast("continue", new HttpServerExpectContinueHandler());
                        p.addLast("chunked", new ChunkedWriteHandler());
                        if (front != null) {
                            p.addLast("front", front.get());
                        }
                        p.addLast("files", new FileRequestHandler(context));
                    }
                });
        try {
            serverChannel = bootstrap.bind(settings.bind(), settings.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            throw new UncheckedIOException("cannot start the file server on " + settings.bind() + ":" + settings.port()
                    + " (files.bind, files.port): " + e.getMessage(), new java.io.IOException(e));
        }
        LOG.info("File server listening on {}", serverChannel.localAddress());
    }

    private static SslContext sslContext(FilesSettings settings) {
        try {
            return SslContextBuilder.forServer(settings.tlsCertificate().toFile(), settings.tlsKey().toFile()).build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use files.tls.certificate " + settings.tlsCertificate()
                    + " and files.tls.key " + settings.tlsKey() + ": " + e.getMessage(), e);
        }
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownGroups();
        serverChannel = null;
        LOG.info("File server stopped");
    }

    private void shutdownGroups() {
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }
}
