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

    /**
     * An operator's stored file as a Download hands it to one device: its signed URL on the file server, the
     * device recorded among the file's users first (the index of the delete check); and the file a plain URL names
     * on this file server, so that such Downloads are handled as those naming the file by id.
     */
    static io.lodestar.acs.api.StoredFileLinks links(io.lodestar.acs.store.FileStore files,
                                                     io.lodestar.acs.service.files.FileUrls urls) {
        return new io.lodestar.acs.api.StoredFileLinks() {
            @Override
            public java.util.Optional<Link> link(String fileId, io.lodestar.acs.core.device.DeviceId device) {
                return files.findFile(fileId).filter(f -> f.device() == null)
                        .map(f -> io.lodestar.acs.service.files.TaskFileReferences.recordUse(files, f, device))
                        .map(f -> new Link(urls.forDevice(f.id(), device).toString(), f.size(), f.fileType(),
                                f.name(), f.version()));
            }

            @Override
            public java.util.Optional<String> fileIdOf(String url) {
                return urls.fileIdOf(url);
            }
        };
    }
}
