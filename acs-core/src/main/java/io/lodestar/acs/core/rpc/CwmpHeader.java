package io.lodestar.acs.core.rpc;

import java.util.List;

/**
 * The CWMP SOAP header elements. Every field is optional (null when absent).
 *
 * @param id                    {@code cwmp:ID}: echoed by the answering side so requests and responses pair up
 * @param holdRequests          {@code cwmp:HoldRequests} (ACS to CPE): the CPE must not send requests yet
 * @param noMoreRequests        {@code cwmp:NoMoreRequests} (CWMP 1.0, deprecated later)
 * @param sessionTimeout        {@code cwmp:SessionTimeout} in seconds (CWMP 1.3+, CPE to ACS)
 * @param supportedCwmpVersions {@code cwmp:SupportedCWMPVersions} (CWMP 1.4, CPE to ACS), e.g. "1.0,1.4"
 * @param useCwmpVersion        {@code cwmp:UseCWMPVersion} (CWMP 1.4, ACS to CPE)
 * @param notUnderstood         the header elements marked {@code mustUnderstand="1"} that the reader does not know
 *                              (qualified as {@code {namespace}name}), which SOAP 1.1 section 4.2.3 requires to be
 *                              answered with a MustUnderstand fault; empty on output
 */
public record CwmpHeader(String id, Boolean holdRequests, Boolean noMoreRequests, Integer sessionTimeout,
                         String supportedCwmpVersions, String useCwmpVersion, List<String> notUnderstood) {

    public static final CwmpHeader EMPTY = new CwmpHeader(null, null, null, null, null, null);

    public CwmpHeader {
        notUnderstood = notUnderstood == null ? List.of() : List.copyOf(notUnderstood);
    }

    /** A header whose every element is understood. */
    public CwmpHeader(String id, Boolean holdRequests, Boolean noMoreRequests, Integer sessionTimeout,
                      String supportedCwmpVersions, String useCwmpVersion) {
        this(id, holdRequests, noMoreRequests, sessionTimeout, supportedCwmpVersions, useCwmpVersion, List.of());
    }

    public static CwmpHeader withId(String id) {
        return new CwmpHeader(id, null, null, null, null, null);
    }

    public CwmpHeader withUseCwmpVersion(String version) {
        return new CwmpHeader(id, holdRequests, noMoreRequests, sessionTimeout, supportedCwmpVersions, version,
                notUnderstood);
    }

    /** This header with {@code cwmp:HoldRequests} set (null: left out). */
    public CwmpHeader withHoldRequests(Boolean hold) {
        return new CwmpHeader(id, hold, noMoreRequests, sessionTimeout, supportedCwmpVersions, useCwmpVersion,
                notUnderstood);
    }
}
