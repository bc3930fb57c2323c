package io.lodestar.acs.profiles.template;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.device.MacAddress;
import io.lodestar.acs.profiles.device.ProfileDevice;

import java.util.Map;
import java.util.Set;

/** Devices the tests render for. */
public final class Phones {

    private Phones() {
    }

    /** A CP-8841-3PCC with everything known. */
    public static ProfileDevice cp8841() {
        return new ProfileDevice(new DeviceId("00562B-CP8841-FCH2209ABCD"), MacAddress.parse("00562b043615").orElseThrow(),
                "FCH2209ABCD", "CP-8841-3PCC", "CP-8841-3PCC", null, "sip88xx.11-3-1MPP", "1.0.1",
                Set.of("site-paris"), Map.of("Device.DeviceInfo.ModelName", "CP-8841-3PCC",
                "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.DirectoryNumber", "+33 1 23 45 67 89"));
    }

    /** A phone known only by its MAC. */
    public static ProfileDevice bare() {
        return new ProfileDevice(new DeviceId("bare"), MacAddress.parse("88755a1b2c3d").orElseThrow(), null, null,
                null, null, null, null, Set.of(), Map.of());
    }
}
