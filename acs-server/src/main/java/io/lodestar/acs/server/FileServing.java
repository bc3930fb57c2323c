package io.lodestar.acs.server;

import io.lodestar.acs.files.FileServer;
import io.lodestar.acs.files.FilesSettings;
import io.lodestar.acs.files.SigningKey;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.service.files.UrlSigner;
import io.lodestar.acs.store.FileStore;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * The running file server and the signed URLs that lead to it (what a Download task hands a CPE): both sign with
 * the one key of {@link SigningKey}, and the URLs' base is {@code files.public-url}, or this host's name and the
 * port the server bound.
 */
record FileServing(FileServer server, FileUrls urls) implements AutoCloseable {

    static FileServing start(AcsConfig config, FileStore files, Clock clock) {
        return start(config, files, clock, null);
    }

    /** With a front handler per connection made from the server's URL checker (phone profiles), or none (null). */
    static FileServing start(AcsConfig config, FileStore files, Clock clock,
                             java.util.function.Function<FileUrls, java.util.function.Supplier<io.netty.channel.ChannelHandler>> front) {
        FilesSettings s = config.files();
        UrlSigner signer = new UrlSigner(SigningKey.resolve(s, config.dataDirectory()));
        FileUrls local = new FileUrls(URI.create("http://localhost"), signer, s.urlLifetime(), clock);
        FileServer server = FileServer.start(s, files, local, config.dataDirectory().resolve("files-spool"), clock,
                front == null ? null : front.apply(local));
        URI base = s.publicUrl() != null ? s.publicUrl() : URI.create((s.tls() ? "https" : "http") + "://" + hostName() + ":"
                + server.port());
        return new FileServing(server, new FileUrls(base, signer, s.urlLifetime(), clock));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
