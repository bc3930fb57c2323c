package io.lodestar.acs.core.rpc;

/** The ACS's answer to Kicked: where the browser goes next. */
public record KickedResponse(String nextUrl) implements CwmpMessage.AcsResponse {

    @Override
    public String methodName() {
        return "KickedResponse";
    }
}
