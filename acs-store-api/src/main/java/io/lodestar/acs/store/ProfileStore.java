package io.lodestar.acs.store;

import io.lodestar.acs.core.device.DeviceId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ACS keeps to generate IP phones' profiles (docs/profiles.md): the templates, the values operators set
 * (per device, per tag, per product class), the profile keys (sealed by the ACS before the store sees them, never in
 * clear) and the status reports phones POST with their resync. A concern of its own beside {@link AcsStore}, with
 * its own contract suite; written by operators and by resyncing phones at any time, on any node, so it never touches
 * the device record. Writes are last-writer-wins and durable when they return. Every method may throw
 * {@link StoreUnavailableException}.
 */
public interface ProfileStore {

    /** How many status reports the store keeps per device: the newest, older ones are dropped. */
    int STATUS_REPORTS_KEPT = 20;

    /** Stores (replaces) the template of that name. */
    void putProfileTemplate(StoredProfileTemplate template);

    Optional<StoredProfileTemplate> findProfileTemplate(String name);

    /** Every template, by name. */
    List<StoredProfileTemplate> profileTemplates();

    /** False when there was no such template. */
    boolean deleteProfileTemplate(String name);

    /** Stores (replaces) one value of one owner (a device, a tag or a product class). */
    void putProfileValue(ProfileValueKey key, String value);

    Optional<String> findProfileValue(ProfileValueKey key);

    /** Every value of one owner, by name. */
    Map<String, String> profileValues(ProfileValueKey.Scope scope, String owner);

    /** False when the value was not set. */
    boolean deleteProfileValue(ProfileValueKey key);

    /** Stores (replaces) a sealed profile key ({@code scope}: "template" or "device"; {@code owner} its name). */
    void putProfileKey(String scope, String owner, byte[] sealed);

    Optional<byte[]> findProfileKey(String scope, String owner);

    /** False when there was no such key. */
    boolean deleteProfileKey(String scope, String owner);

    /** Adds a status report; the device keeps its newest {@link #STATUS_REPORTS_KEPT}. */
    void addStatusReport(DeviceId device, ProfileStatusReport report);

    /** The device's status reports, newest first, at most {@code limit}. */
    List<ProfileStatusReport> statusReports(DeviceId device, int limit);

    /**
     * Deletes what is kept for one device: its values ({@link ProfileValueKey.Scope#DEVICE}), its device key
     * ({@code "device"}, id) and its status reports. Called when the device is deleted; nothing kept is no error.
     */
    void deleteDeviceProfileData(DeviceId device);
}
