package io.lodestar.acs.api.resources;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ErrorCode;
import io.lodestar.acs.service.Ids;
import io.lodestar.acs.service.ServiceException;

import java.util.ArrayList;
import java.util.List;

/**
 * A device id from a URL, accepted in its natural form and as shown. The identity schemes join OUI, product class
 * and serial number with '-' and escape a '-' inside a part as {@code %2D}
 * ({@code 0CD0F8-CP%2D8851%2D3PCC-SIM000001}); a client sending that in a URL has its {@code %2D} decoded, and an
 * operator copies the id as shown with plain hyphens. So an id not found as given is looked up with each choice
 * of the one or two '-' that separate the parts, the others escaped.
 */
final class DeviceIds {

    private static final int MAX_HYPHENS = 12;

    private DeviceIds() {}

    /** The stored device's id, or the id as given when no device has it (the caller then says it is unknown). */
    static DeviceId resolve(DeviceService devices, String text) {
        DeviceId given = Ids.deviceId(text);
        if (exists(devices, given)) {
            return given;
        }
        List<Integer> hyphens = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '-') {
                hyphens.add(i);
            }
        }
        if (hyphens.size() > MAX_HYPHENS) {
            return given;
        }
        for (int a = 0; a < hyphens.size(); a++) {
            for (int b = a; b < hyphens.size(); b++) {
                DeviceId candidate = Ids.deviceId(escapeAllBut(text, hyphens.get(a), hyphens.get(b)));
                if (!candidate.equals(given) && exists(devices, candidate)) {
                    return candidate;
                }
            }
        }
        return given;
    }

    private static String escapeAllBut(String text, int first, int second) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '-' && i != first && i != second ? "%2D" : String.valueOf(c));
        }
        return out.toString();
    }

    private static boolean exists(DeviceService devices, DeviceId id) {
        try {
            devices.device(id);
            return true;
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.DEVICE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
