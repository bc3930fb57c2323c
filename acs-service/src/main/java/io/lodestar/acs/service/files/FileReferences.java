package io.lodestar.acs.service.files;

import java.util.List;

/**
 * Who still needs a stored file: the REST API refuses to delete a file while any does (409). Pending Download
 * tasks that name the file are the first users; the transfers work (the Download task action) implements this
 * over the task store, and the composition root hands that implementation to the API. Until then {@link #NONE}.
 */
@FunctionalInterface
public interface FileReferences {

    /** No one refers to any file (no task action names files yet). */
    FileReferences NONE = fileId -> List.of();

    /** What refers to the file now, for the operator ("task 42 (Download) of device X"); empty: none. */
    List<String> usersOf(String fileId);
}
