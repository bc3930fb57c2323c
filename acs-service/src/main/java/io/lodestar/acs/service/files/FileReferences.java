package io.lodestar.acs.service.files;

import java.util.List;

/**
 * Who still needs a stored file: the REST API refuses to delete a file while any does (409). The running ACS uses
 * {@link TaskFileReferences} (pending Downloads and Downloads in progress that name the file); {@link #NONE} is
 * for an API without tasks (tests).
 */
@FunctionalInterface
public interface FileReferences {

    /** No one refers to any file. */
    FileReferences NONE = fileId -> List.of();

    /** What refers to the file now, for the operator ("task 42 (Download) of device X"); empty: none. */
    List<String> usersOf(String fileId);

    /** As {@link #usersOf(String)}, stopping after {@code atMost} (enough to refuse, and to name them). */
    default List<String> usersOf(String fileId, int atMost) {
        List<String> all = usersOf(fileId);
        return all.size() <= atMost ? all : all.subList(0, atMost);
    }
}
