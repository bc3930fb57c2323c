package io.lodestar.acs.core.rpc;

/** The CPE was kicked from a web page (TR-069 Annex A.4.2.1): command, referer, argument, next page. */
public record Kicked(String command, String referer, String arg, String next) implements CwmpMessage.CpeRequest {

    @Override
    public String methodName() {
        return "Kicked";
    }
}
