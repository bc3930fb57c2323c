package io.lodestar.acs.core.rpc;

/**
 * The CWMP SOAP header elements. Every field is optional (null when absent).
 *
 * @param id                    {@code cwmp:ID}: echoed by the answering side so requests and responses pair up
 * @param holdRequests          {@code cwmp:HoldRequests} (ACS to CPE): the CPE must not send requests yet
 * @param noMoreRequests        {@code cwmp:NoMoreRequests} (CWMP 1.0, deprecated later)
 * @param sessionTimeout        {@code cwmp:SessionTimeout} in seconds (CWMP 1.3+, CPE to ACS)
 * @param supportedCwmpVersions {@code cwmp:SupportedCWMPVersions} (CWMP 1.4, CPE to ACS), e.g. "1.0,1.4"
 * @param useCwmpVersion        {@code cwmp:UseCWMPVersion} (CWMP 1.4, ACS to CPE)
 */
public record CwmpHeader(String id, Boolean holdRequests, Boolean noMoreRequests, Integer sessionTimeout,
                         String supportedCwmpVersions, String useCwmpVersion) {

    public static final CwmpHeader EMPTY = new CwmpHeader(null, null, null, null, null, null);

    public static CwmpHeader withId(String id) {
        return new CwmpHeader(id, null, null, null, null, null);
    }

    public CwmpHeader withUseCwmpVersion(String version) {
        return new CwmpHeader(id, holdRequests, noMoreRequests, sessionTimeout, supportedCwmpVersions, version);
    }
}
