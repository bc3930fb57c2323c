package io.lodestar.acs.core.rpc;

import java.util.Optional;

/**
 * The CWMP protocol versions. 1.3 and 1.4 have no namespace of their own: they share
 * {@code urn:dslforum-org:cwmp-1-2} and are told apart by the 1.4 version-negotiation headers.
 */
public enum CwmpVersion {
    V1_0("1.0", "urn:dslforum-org:cwmp-1-0"),
    V1_1("1.1", "urn:dslforum-org:cwmp-1-1"),
    V1_2("1.2", "urn:dslforum-org:cwmp-1-2"),
    V1_3("1.3", "urn:dslforum-org:cwmp-1-2"),
    V1_4("1.4", "urn:dslforum-org:cwmp-1-2");

    private final String label;
    private final String namespace;

    CwmpVersion(String label, String namespace) {
        this.label = label;
        this.namespace = namespace;
    }

    /** The version as written in SupportedCWMPVersions / UseCWMPVersion, e.g. {@code 1.4}. */
    public String label() {
        return label;
    }

    public String namespace() {
        return namespace;
    }

    /** The oldest version that uses this namespace, or empty when it is no CWMP namespace. */
    public static Optional<CwmpVersion> ofNamespace(String namespace) {
        for (CwmpVersion v : values()) {
            if (v.namespace.equals(namespace)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public static Optional<CwmpVersion> ofLabel(String label) {
        for (CwmpVersion v : values()) {
            if (v.label.equals(label.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The highest version both sides speak, from the CPE's comma-separated SupportedCWMPVersions
     * (e.g. {@code "1.0,1.1,1.2,1.3,1.4"}); empty when nothing in the list is known.
     */
    public static Optional<CwmpVersion> highestOf(String supportedVersions) {
        CwmpVersion best = null;
        for (String part : supportedVersions.split(",")) {
            Optional<CwmpVersion> v = ofLabel(part);
            if (v.isPresent() && (best == null || v.get().compareTo(best) > 0)) {
                best = v.get();
            }
        }
        return Optional.ofNullable(best);
    }
}
