package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What Lodestar knows about one device apart from its parameters: a few small parts that Informs and sessions
 * refresh, plus what operators configured (tags), which a bootstrap never erases. Build one with
 * {@link #builder} or change one with {@link #toBuilder}; the short-hand accessors ({@link #lastInformAt()} and
 * the like) read a field of a part.
 *
 * @param identity     who the device is
 * @param lastContact  its last session
 * @param reachability how to reach it between sessions
 * @param inventory    what it is
 * @param discovery    whether its data model is known
 * @param tags         operator-assigned labels
 */
public record Device(DeviceIdentity identity, LastContact lastContact, Reachability reachability, Inventory inventory,
                     DiscoveryState discovery, Set<String> tags) {

    public Device {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(lastContact, "lastContact");
        Objects.requireNonNull(reachability, "reachability");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(discovery, "discovery");
        tags = Set.copyOf(tags);
    }

    /** A device an operator or an Inform introduces: nothing learned yet, discovery required. */
    public static Device register(DeviceId id, Instant now) {
        return builder(id, now).build();
    }

    /** A builder of a device known since {@code registeredAt} and nothing else yet (discovery required). */
    public static Builder builder(DeviceId id, Instant registeredAt) {
        return new Builder(new DeviceIdentity(id, null, registeredAt), LastContact.NEVER, Reachability.UNKNOWN,
                Inventory.UNKNOWN, DiscoveryState.REQUIRED, Set.of());
    }

    public Builder toBuilder() {
        return new Builder(identity, lastContact, reachability, inventory, discovery, tags);
    }

    public Device withDiscovery(boolean required, Instant discoveredAt) {
        return new Device(identity, lastContact, reachability, inventory, new DiscoveryState(required, discoveredAt),
                tags);
    }

    public Device withTags(Set<String> newTags) {
        return new Device(identity, lastContact, reachability, inventory, discovery, newTags);
    }

    // ---- short-hands for the parts' fields ---------------------------------------------------------------

    public DeviceId id() {
        return identity.id();
    }

    public DeviceIdStruct deviceIdStruct() {
        return identity.deviceIdStruct();
    }

    public Instant registeredAt() {
        return identity.registeredAt();
    }

    public Instant lastInformAt() {
        return lastContact.informAt();
    }

    public Instant lastBootAt() {
        return lastContact.bootAt();
    }

    public List<EventStruct> lastEvents() {
        return lastContact.events();
    }

    public String remoteAddress() {
        return lastContact.remoteAddress();
    }

    public String cwmpVersion() {
        return lastContact.cwmpVersion();
    }

    public String connectionRequestUrl() {
        return reachability.connectionRequestUrl();
    }

    public String dataModelRoot() {
        return inventory.dataModelRoot();
    }

    public String softwareVersion() {
        return inventory.softwareVersion();
    }

    public String hardwareVersion() {
        return inventory.hardwareVersion();
    }

    public boolean discoveryRequired() {
        return discovery.required();
    }

    public Instant discoveredAt() {
        return discovery.discoveredAt();
    }

    /** Builds a {@link Device} part by part; what is not set stays as it was (or as a new device has it). */
    public static final class Builder {
        private DeviceIdentity identity;
        private LastContact lastContact;
        private Reachability reachability;
        private Inventory inventory;
        private DiscoveryState discovery;
        private Set<String> tags;

        private Builder(DeviceIdentity identity, LastContact lastContact, Reachability reachability,
                        Inventory inventory, DiscoveryState discovery, Set<String> tags) {
            this.identity = identity;
            this.lastContact = lastContact;
            this.reachability = reachability;
            this.inventory = inventory;
            this.discovery = discovery;
            this.tags = tags;
        }

        public Builder identity(DeviceIdentity identity) {
            this.identity = identity;
            return this;
        }

        /** The DeviceId the device reported, keeping its id and registration time. */
        public Builder deviceIdStruct(DeviceIdStruct deviceIdStruct) {
            this.identity = new DeviceIdentity(identity.id(), deviceIdStruct, identity.registeredAt());
            return this;
        }

        public Builder lastContact(LastContact lastContact) {
            this.lastContact = lastContact;
            return this;
        }

        public Builder reachability(Reachability reachability) {
            this.reachability = reachability;
            return this;
        }

        public Builder inventory(Inventory inventory) {
            this.inventory = inventory;
            return this;
        }

        public Builder discovery(DiscoveryState discovery) {
            this.discovery = discovery;
            return this;
        }

        public Builder tags(Set<String> tags) {
            this.tags = tags;
            return this;
        }

        public Device build() {
            return new Device(identity, lastContact, reachability, inventory, discovery, tags);
        }
    }
}
