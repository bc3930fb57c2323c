package io.lodestar.acs.api.json;

import io.lodestar.acs.store.StoredFile;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A stored file as the API shows it: its metadata (never its content). */
@Schema(name = "File")
public record FileView(String id, String name, String fileType, String version, List<String> ouis,
                       List<String> productClasses,
                       @Schema(description = "the device that uploaded it; absent for an operator's file") String device,
                       long size, String sha256, Instant createdAt) {

    public static FileView of(StoredFile f) {
        return new FileView(f.id(), f.name(), f.fileType(), f.version(), f.ouis(), f.productClasses(), f.device(),
                f.size(), f.sha256(), f.createdAt());
    }
}
