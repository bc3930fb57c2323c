package io.lodestar.acs.core.access;

import io.lodestar.acs.core.device.DeviceId;

import java.util.Objects;

/**
 * Whose CPE credentials: one device, every device of an OUI and product class, or the whole fleet. The ACS
 * looks them up in that order for each Inform; the first found is the one the CPE must present.
 */
public sealed interface CpeCredentialScope {

    /** The fleet's default. */
    CpeCredentialScope FLEET = new Fleet();

    /**
     * A text key naming the scope unambiguously (stores key their rows by it): {@code device/<id>},
     * {@code class/<length of oui>:<oui>/<product class>}, or {@code fleet}.
     */
    String key();

    record Device(DeviceId id) implements CpeCredentialScope {
        public Device {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String key() {
            return "device/" + id.value();
        }
    }

    /** Every device whose Inform names this OUI and product class (compared exactly). */
    record ProductClass(String oui, String productClass) implements CpeCredentialScope {
        public ProductClass {
            Objects.requireNonNull(oui, "oui");
            Objects.requireNonNull(productClass, "productClass");
            if (oui.isEmpty() || oui.length() > 64 || productClass.length() > 256) {
                throw new IllegalArgumentException("an OUI has 1 to 64 characters, a product class at most 256");
            }
        }

        @Override
        public String key() {
            return "class/" + oui.length() + ":" + oui + "/" + productClass;
        }
    }

    record Fleet() implements CpeCredentialScope {
        @Override
        public String key() {
            return "fleet";
        }
    }
}
