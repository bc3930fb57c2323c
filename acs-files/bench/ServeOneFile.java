import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.files.FileServer;
import io.lodestar.acs.files.FilesSettings;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.service.files.UrlSigner;
import io.lodestar.acs.store.FileMetadata;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.embedded.DiskFileStore;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The file server of the throughput measurement (run-throughput.sh): stores one file in a DiskFileStore under
 * a scratch directory, serves it on a free loopback port, prints "URL <signed url>" and "PID <pid>", and runs
 * until its standard input closes. Started with the JDK's source launcher: java -cp CP ServeOneFile.java FILE DIR
 */
public class ServeOneFile {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        DiskFileStore store = DiskFileStore.open(dir.resolve("files"));
        try (InputStream in = Files.newInputStream(file)) {
            store.putFile(NewFile.of("image", file.getFileName().toString(), FileMetadata.FIRMWARE, Instant.now()), in,
                    Long.MAX_VALUE);
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        FileUrls urls = new FileUrls(URI.create("http://127.0.0.1:" + port), new UrlSigner(key), Duration.ofHours(2),
                Clock.systemUTC());
        FilesSettings settings = FilesSettings.from(Map.of("files.bind", "127.0.0.1", "files.port", String.valueOf(port)));
        try (FileServer server = FileServer.start(settings, store, urls, dir.resolve("spool"), Clock.systemUTC())) {
            System.out.println("URL " + urls.forDevice("image", new DeviceId("BENCH-DEVICE-1")));
            System.out.println("PID " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the script closes our input
            }
        }
    }
}
