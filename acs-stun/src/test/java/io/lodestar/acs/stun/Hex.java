package io.lodestar.acs.stun;

import java.util.HexFormat;

final class Hex {

    private Hex() {
    }

    /** Bytes from hex with any whitespace between. */
    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
