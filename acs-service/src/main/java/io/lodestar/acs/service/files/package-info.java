/**
 * What the file server and the tasks that use it share: per-device signed URLs ({@link
 * io.lodestar.acs.service.files.FileUrls}, {@link io.lodestar.acs.service.files.UrlSigner}) and the question of
 * who still needs a file ({@link io.lodestar.acs.service.files.FileReferences}).
 */
package io.lodestar.acs.service.files;
