package io.lodestar.acs.core.rpc;

/** Reboots the CPE after the session; it informs with M Reboot and this commandKey. */
public record Reboot(String commandKey) implements CwmpMessage.AcsRequest {

    public Reboot {
        commandKey = commandKey == null ? "" : commandKey;
    }

    @Override
    public String methodName() {
        return "Reboot";
    }
}
