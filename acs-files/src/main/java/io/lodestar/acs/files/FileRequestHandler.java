package io.lodestar.acs.files;

import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.store.FileContent;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.FileTooLargeException;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.StoredFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection of the file server: routes each request ({@code GET|HEAD /files/{id}}, {@code PUT|POST
 * /uploads/{fileType}}), checks its signature before anything else, and answers. Store calls run on the workers
 * with the connection's reading paused; the answer is written on the connection's event loop. One request at a
 * time per connection: a pipelined request closes the connection (CPEs do not pipeline). Every failure is a 4xx,
 * or 503 when the store is unavailable or the server busy; never 500.
 */
final class FileRequestHandler extends SimpleChannelInboundHandler<HttpObject> {

    private static final Logger LOG = LoggerFactory.getLogger(FileRequestHandler.class);
    private static final int CHUNK = 64 * 1024;
    /** How long a refused upload's remaining body is read and dropped before the connection closes. */
    private static final long LINGER_MILLIS = 2000;

    /** What every connection shares. */
    record Context(FileStore store, FileUrls urls, Executor workers, Path spool, long maxUploadBytes, Clock clock) {}

    /** An upload arriving: spooled to a local file, stored once complete. */
    private static final class Upload {
        final Path spoolFile;
        final FileChannel out;
        final String device;
        final String fileType;
        final String name;
        long size;

        Upload(Path spoolFile, FileChannel out, String device, String fileType, String name) {
            this.spoolFile = spoolFile;
            this.out = out;
            this.device = device;
            this.fileType = fileType;
            this.name = name;
        }
    }

    private final Context context;
    /** From a request until its answer is written. */
    private boolean responding;
    private boolean keepAlive;
    /** The request has a body not read to its end yet: refusing it closes the connection rather than reading it. */
    private boolean bodyPending;
    private Upload upload;
    /** Answered and closing: what still arrives is dropped (see {@link #finished}). */
    private boolean lingering;

    FileRequestHandler(Context context) {
        super(true);
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (lingering) {
            return;
        }
        if (msg instanceof HttpRequest request) {
            onRequest(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            if (content instanceof LastHttpContent) {
                bodyPending = false;
            }
            if (upload != null) {
                onUploadContent(ctx, content);
            }
        }
    }

    // ---- routing --------------------------------------------------------------------------------------------

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (responding) {
            ctx.close(); // a pipelined request: not served
            return;
        }
        responding = true;
        keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            replyAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request");
            return;
        }
        try {
            bodyPending = HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
        } catch (NumberFormatException e) {
            replyAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "malformed Content-Length");
            return;
        }
        QueryStringDecoder uri;
        String path;
        try {
            uri = new QueryStringDecoder(request.uri());
            path = uri.path();
        } catch (IllegalArgumentException e) {
            replyAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "malformed URL");
            return;
        }
        Map<String, String> query = new HashMap<>();
        uri.parameters().forEach((k, v) -> query.put(k, v.get(0)));
        HttpMethod method = request.method();
        if (path.startsWith(FileUrls.FILES) && path.length() > FileUrls.FILES.length()) {
            if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
                notAllowed(ctx, "GET, HEAD");
            } else if (granted(ctx, path, query)) {
                download(ctx, request, path.substring(FileUrls.FILES.length()));
            }
        } else if (path.startsWith(FileUrls.UPLOADS) && path.length() > FileUrls.UPLOADS.length()) {
            if (!method.equals(HttpMethod.PUT) && !method.equals(HttpMethod.POST)) {
                notAllowed(ctx, "PUT, POST");
            } else if (granted(ctx, path, query)) {
                startUpload(ctx, request, path.substring(FileUrls.UPLOADS.length()), query);
            }
        } else {
            reply(ctx, HttpResponseStatus.NOT_FOUND, "no such file");
        }
    }

    private boolean granted(ChannelHandlerContext ctx, String path, Map<String, String> query) {
        FileUrls.Access access = context.urls().check(path, query);
        switch (access) {
            case GRANTED:
                return true;
            case EXPIRED:
                LOG.debug("file URL expired: {} from {}", path, ctx.channel().remoteAddress());
                reply(ctx, HttpResponseStatus.FORBIDDEN, "the URL has expired: ask for a new one");
                return false;
            default:
                LOG.debug("file URL with a bad signature: {} from {}", path, ctx.channel().remoteAddress());
                reply(ctx, HttpResponseStatus.FORBIDDEN, "the URL's signature is not valid");
                return false;
        }
    }

    private void notAllowed(ChannelHandlerContext ctx, String allow) {
        FullHttpResponse r = textResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed here");
        r.headers().set(HttpHeaderNames.ALLOW, allow);
        send(ctx, r);
    }

    // ---- downloads ------------------------------------------------------------------------------------------

    private void download(ChannelHandlerContext ctx, HttpRequest request, String id) {
        onWorker(ctx, () -> context.store().openFile(id), content -> {
            if (content.isEmpty()) {
                reply(ctx, HttpResponseStatus.NOT_FOUND, "no such file");
            } else {
                sendFile(ctx, request, content.get());
            }
        });
    }

    private void sendFile(ChannelHandlerContext ctx, HttpRequest request, FileContent content) {
        StoredFile file = content.file();
        String etag = "\"" + file.sha256() + "\"";
        Instant lastModified = file.createdAt().truncatedTo(ChronoUnit.SECONDS);
        if (notModified(request, etag, lastModified)) {
            HttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
            validators(r, etag, lastModified);
            send(ctx, (FullHttpResponse) r);
            return;
        }
        ByteRange.Request wanted = rangeApplies(request, etag, lastModified)
                ? ByteRange.parse(request.headers().get(HttpHeaderNames.RANGE), file.size())
                : new ByteRange.Whole();
        if (wanted instanceof ByteRange.Unsatisfiable) {
            FullHttpResponse r = textResponse(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "the range starts past the end of the file (" + file.size() + " bytes)");
            r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + file.size());
            validators(r, etag, lastModified);
            send(ctx, r);
            return;
        }
        long offset = 0;
        long length = file.size();
        HttpResponseStatus status = HttpResponseStatus.OK;
        if (wanted instanceof ByteRange.Part part) {
            offset = part.range().first();
            length = part.range().length();
            status = HttpResponseStatus.PARTIAL_CONTENT;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        FileChannel channel = null;
        if (!head && length > 0) {
            try {
                channel = FileChannel.open(content.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                reply(ctx, HttpResponseStatus.NOT_FOUND, "no such file"); // deleted meanwhile
                return;
            } catch (IOException e) {
                LOG.warn("cannot read file {} at {}: {}", file.id(), content.path(), e.toString());
                unavailable(ctx);
                return;
            }
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (status == HttpResponseStatus.PARTIAL_CONTENT) {
            response.headers().set(HttpHeaderNames.CONTENT_RANGE,
                    "bytes " + offset + "-" + (offset + length - 1) + "/" + file.size());
        }
        validators(response, etag, lastModified);
        if (isPlainFileName(file.name())) {
            response.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file.name() + "\"");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.write(response);
        ChannelFuture last;
        if (channel == null) {
            last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (ctx.pipeline().get(SslHandler.class) != null) {
            try {
                last = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(channel, offset, length, CHUNK)));
            } catch (IOException e) {
                closeQuietly(channel);
                ctx.close();
                return;
            }
        } else {
            ctx.write(new DefaultFileRegion(channel, offset, length)); // zero-copy: the kernel sends the file
            last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        last.addListener(f -> finished(ctx, f.isSuccess()));
    }

    private static void validators(HttpResponse r, String etag, Instant lastModified) {
        r.headers().set(HttpHeaderNames.ETAG, etag);
        r.headers().set(HttpHeaderNames.LAST_MODIFIED, HttpDates.format(lastModified));
        r.headers().set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "private, no-transform");
    }

    /** If-None-Match first (RFC 9110 13.2.2), else If-Modified-Since. */
    private static boolean notModified(HttpRequest request, String etag, Instant lastModified) {
        List<String> noneMatch = request.headers().getAll(HttpHeaderNames.IF_NONE_MATCH);
        if (!noneMatch.isEmpty()) {
            for (String header : noneMatch) {
                for (String tag : header.split(",")) {
                    String t = tag.trim();
                    if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                        return true;
                    }
                }
            }
            return false;
        }
        return HttpDates.parse(request.headers().get(HttpHeaderNames.IF_MODIFIED_SINCE))
                .map(since -> !lastModified.isAfter(since)).orElse(false);
    }

    /** A Range counts unless an If-Range names another version (strong comparison, RFC 9110 13.1.5). */
    private static boolean rangeApplies(HttpRequest request, String etag, Instant lastModified) {
        String ifRange = request.headers().get(HttpHeaderNames.IF_RANGE);
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag);
        }
        return HttpDates.parse(v).map(lastModified::equals).orElse(false);
    }

    private static boolean isPlainFileName(String name) {
        return name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
    }

    // ---- uploads --------------------------------------------------------------------------------------------

    private void startUpload(ChannelHandlerContext ctx, HttpRequest request, String fileType, Map<String, String> query) {
        if (HttpUtil.getContentLength(request, -1L) > context.maxUploadBytes()) {
            replyAndClose(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the file is larger than " + context.maxUploadBytes() + " bytes");
            return;
        }
        String name = query.getOrDefault("name", "upload-" + context.clock().instant().truncatedTo(ChronoUnit.SECONDS)
                .toString().replace(":", ""));
        try {
            Files.createDirectories(context.spool());
            Path spoolFile = Files.createTempFile(context.spool(), "upload-", ".part");
            FileChannel out = FileChannel.open(spoolFile, StandardOpenOption.WRITE);
            upload = new Upload(spoolFile, out, query.get("device"), fileType, name);
        } catch (IOException e) {
            LOG.warn("cannot spool an upload in {}: {}", context.spool(), e.toString());
            unavailableAndClose(ctx);
        }
    }

    private void onUploadContent(ChannelHandlerContext ctx, HttpContent content) {
        Upload u = upload;
        ByteBuf buf = content.content();
        int n = buf.readableBytes();
        if (u.size + n > context.maxUploadBytes()) {
            abortUpload();
            replyAndClose(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the file is larger than " + context.maxUploadBytes() + " bytes");
            return;
        }
        try {
            int index = buf.readerIndex();
            int left = n;
            while (left > 0) {
                int w = buf.getBytes(index, u.out, u.size, left);
                index += w;
                left -= w;
                u.size += w;
            }
        } catch (IOException e) {
            LOG.warn("cannot spool an upload to {}: {}", u.spoolFile, e.toString());
            abortUpload();
            unavailableAndClose(ctx);
            return;
        }
        if (content instanceof LastHttpContent) {
            upload = null;
            closeQuietly(u.out);
            storeUpload(ctx, u);
        }
    }

    private void storeUpload(ChannelHandlerContext ctx, Upload u) {
        onWorker(ctx, () -> {
            try (InputStream in = Files.newInputStream(u.spoolFile)) {
                String id = "up-" + UUID.randomUUID();
                NewFile file = new NewFile(id, u.name, u.fileType, "", List.of(), List.of(), u.device,
                        context.clock().instant());
                return context.store().putFile(file, in, context.maxUploadBytes());
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot read the spooled upload " + u.spoolFile, e);
            } finally {
                Files.deleteIfExists(u.spoolFile);
            }
        }, stored -> {
            LOG.info("device {} uploaded {} ({} bytes) as file {}", u.device, u.fileType, stored.size(), stored.id());
            FullHttpResponse r = textResponse(HttpResponseStatus.CREATED, "stored as file " + stored.id());
            r.headers().set(HttpHeaderNames.LOCATION, "/api/v1/files/" + stored.id());
            send(ctx, r);
        });
    }

    private void abortUpload() {
        Upload u = upload;
        upload = null;
        if (u != null) {
            closeQuietly(u.out);
            try {
                Files.deleteIfExists(u.spoolFile);
            } catch (IOException ignored) {
                // the spool is a scratch directory
            }
        }
    }

    // ---- workers, answers -----------------------------------------------------------------------------------

    /** Runs {@code work} on a worker with reading paused, then {@code then} on the event loop with its result. */
    private <T> void onWorker(ChannelHandlerContext ctx, Callable<T> work, Consumer<T> then) {
        ctx.channel().config().setAutoRead(false);
        try {
            context.workers().execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (FileTooLargeException e) {
                    ctx.executor().execute(() -> replyAndClose(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                            e.getMessage()));
                    return;
                } catch (IllegalArgumentException e) {
                    ctx.executor().execute(() -> reply(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage()));
                    return;
                } catch (Exception e) {
                    LOG.warn("file server: {}", e.toString());
                    ctx.executor().execute(() -> unavailable(ctx));
                    return;
                }
                ctx.executor().execute(() -> then.accept(result));
            });
        } catch (RejectedExecutionException busy) {
            unavailable(ctx);
        }
    }

    private void unavailable(ChannelHandlerContext ctx) {
        FullHttpResponse r = textResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy or the store is unavailable: retry later");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "10");
        send(ctx, r);
    }

    private void unavailableAndClose(ChannelHandlerContext ctx) {
        keepAlive = false;
        unavailable(ctx);
    }

    private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        send(ctx, textResponse(status, text));
    }

    private void replyAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        keepAlive = false;
        reply(ctx, status, text);
    }

    private static FullHttpResponse textResponse(HttpResponseStatus status, String text) {
        ByteBuf body = Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return r;
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse r) {
        if (upload != null || bodyPending) {
            abortUpload(); // answered before the body was read: close rather than read what no one wants
            keepAlive = false;
        }
        HttpUtil.setContentLength(r, r.content().readableBytes());
        HttpUtil.setKeepAlive(r, keepAlive);
        ctx.writeAndFlush(r).addListener(f -> finished(ctx, f.isSuccess()));
    }

    private void finished(ChannelHandlerContext ctx, boolean written) {
        responding = false;
        if (written && !keepAlive && bodyPending && ctx.channel() instanceof SocketChannel socket) {
            // the client may still be sending the body we refused: closing now would reset the connection and
            // could destroy our answer before it reads it. Half-close, drop what still comes, close a little later
            lingering = true;
            socket.shutdownOutput();
            socket.config().setAutoRead(true);
            ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } else if (!written || !keepAlive) {
            ctx.close();
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        abortUpload();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("file server connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }
}
