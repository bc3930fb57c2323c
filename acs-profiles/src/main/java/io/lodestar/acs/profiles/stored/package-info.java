/**
 * The profile seams backed by the store contract ({@link io.lodestar.acs.store.ProfileStore} and the device store):
 * templates, values, sealed keys, status reports and device look-up. {@link StoredProfiles} assembles them for the
 * composition root, the API and the file server.
 */
package io.lodestar.acs.profiles.stored;
