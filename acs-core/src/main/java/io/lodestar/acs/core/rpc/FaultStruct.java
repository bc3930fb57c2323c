package io.lodestar.acs.core.rpc;

/** The fault of a TransferComplete and similar: code 0 means success. */
public record FaultStruct(int faultCode, String faultString) {

    public static final FaultStruct NONE = new FaultStruct(0, "");

    public FaultStruct {
        faultString = faultString == null ? "" : faultString;
    }

    public boolean isFault() {
        return faultCode != 0;
    }
}
