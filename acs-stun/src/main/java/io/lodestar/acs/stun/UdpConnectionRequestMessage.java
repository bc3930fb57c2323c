package io.lodestar.acs.stun;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A UDP connection request (TR-069 Annex G.2.1.3): an HTTP GET in one datagram,
 * {@code GET http://<UDPConnectionRequestAddress>?ts=..&id=..&un=..&cn=..&sig=.. HTTP/1.1}, signed with
 * HMAC-SHA1 keyed by the device's ConnectionRequestPassword over {@code ts + id + un + cn}. Both ends use this
 * record: the ACS writes it, the (simulated) CPE reads and checks it.
 *
 * @param address   the Request-URI's authority: the device's UDPConnectionRequestAddress ({@code host:port})
 * @param timestamp {@code ts}: seconds since 1970 UTC when the ACS made the request
 * @param id        {@code id}: the request's id; copies of one request share it, a new request has a new one
 * @param username  {@code un}: the device's ConnectionRequestUsername
 * @param cnonce    {@code cn}: a random string
 * @param signature {@code sig}: the HMAC-SHA1, 40 hex digits
 */
public record UdpConnectionRequestMessage(String address, long timestamp, long id, String username, String cnonce,
                                          String signature) {

    /** The largest unsigned 32-bit value: {@code ts} and {@code id} are xsd:unsignedInt. */
    public static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;
    private static final Pattern HEX40 = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
    private static final List<String> FIELDS = List.of("ts", "id", "un", "cn", "sig");

    public UdpConnectionRequestMessage {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(cnonce, "cnonce");
        Objects.requireNonNull(signature, "signature");
        if (address.isBlank() || address.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?')) {
            throw new IllegalArgumentException("a UDP connection request address is host:port, not '" + address + "'");
        }
        if (timestamp < 0 || timestamp > MAX_UNSIGNED_INT || id < 0 || id > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("ts and id are unsigned 32-bit numbers: ts=" + timestamp + " id=" + id);
        }
        if (!HEX40.matcher(signature).matches()) {
            throw new IllegalArgumentException("sig is 40 hex digits (HMAC-SHA1), not '" + signature + "'");
        }
    }

    /** A request signed with {@code password} (the device's ConnectionRequestPassword). */
    public static UdpConnectionRequestMessage signed(String address, long timestamp, long id, String username,
                                                     String cnonce, String password) {
        return new UdpConnectionRequestMessage(address, timestamp, id, username, cnonce,
                sign(password, timestamp, id, username, cnonce));
    }

    /** The {@code sig} of these fields: HMAC-SHA1(key = password, text = ts + id + un + cn), upper-case hex. */
    public static String sign(String password, long timestamp, long id, String username, String cnonce) {
        String text = Long.toString(timestamp) + id + username + cnonce;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            byte[] key = password.getBytes(StandardCharsets.UTF_8);
            // HMAC pads a key with zeros to 64 bytes; SecretKeySpec refuses an empty one, so give it padded
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA1"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /** Whether {@code sig} is right for this password (hex compared without regard to case, in constant time). */
    public boolean signatureValid(String password) {
        byte[] expected = sign(password, timestamp, id, username, cnonce).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /** The datagram's text: the request line, a Host header, the empty line. */
    public String toText() {
        return "GET http://" + address + "?ts=" + timestamp + "&id=" + id + "&un=" + encode(username) + "&cn="
                + encode(cnonce) + "&sig=" + signature + " HTTP/1.1\r\nHost: " + address + "\r\n\r\n";
    }

    public byte[] toBytes() {
        return toText().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a datagram.
     *
     * @throws IllegalArgumentException saying what is wrong when it is not a UDP connection request
     */
    public static UdpConnectionRequestMessage parse(byte[] datagram, int length) {
        if (length > StunCodec.MAX_DATAGRAM) {
            throw new IllegalArgumentException("longer than " + StunCodec.MAX_DATAGRAM + " bytes");
        }
        String text = new String(datagram, 0, length, StandardCharsets.UTF_8);
        int lineEnd = text.indexOf("\r\n");
        String line = lineEnd < 0 ? text : text.substring(0, lineEnd);
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[0].equals("GET") || !parts[2].startsWith("HTTP/1.")) {
            throw new IllegalArgumentException("not an HTTP GET request line");
        }
        String uri = parts[1];
        if (!uri.regionMatches(true, 0, "http://", 0, 7)) {
            throw new IllegalArgumentException("the Request-URI is not an absolute http:// URI");
        }
        int query = uri.indexOf('?');
        if (query < 0) {
            throw new IllegalArgumentException("the Request-URI has no query (ts, id, un, cn, sig)");
        }
        String authority = uri.substring(7, query);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : uri.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!FIELDS.contains(name)) {
                continue; // later versions may add fields: ignore them
            }
            if (fields.put(name, decode(eq < 0 ? "" : pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("'" + name + "' given twice");
            }
        }
        for (String f : FIELDS) {
            if (!fields.containsKey(f)) {
                throw new IllegalArgumentException("'" + f + "' missing");
            }
        }
        return new UdpConnectionRequestMessage(authority, unsigned("ts", fields.get("ts")), unsigned("id", fields.get("id")),
                fields.get("un"), fields.get("cn"), fields.get("sig"));
    }

    /** {@code host:port} as TR-069 writes UDPConnectionRequestAddress; IPv6 in brackets. */
    public static String formatAddress(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (address.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
        }
        return host + ":" + address.getPort();
    }

    /**
     * Reads a UDPConnectionRequestAddress ({@code host:port}, IPv6 in brackets). Only IP literals are accepted:
     * resolving a name here would block, and TR-069 has the CPE report the address it learned, an IP.
     *
     * @throws IllegalArgumentException when it is not an IP literal with a port 1..65535
     */
    public static InetSocketAddress parseAddress(String text) {
        Objects.requireNonNull(text, "address");
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("a UDP connection request address is host:port, not '" + text + "'");
        }
        String host = t.substring(0, colon);
        String portText = t.substring(colon + 1);
        if (!DIGITS.matcher(portText).matches()) {
            throw new IllegalArgumentException("the port of '" + text + "' is not a number");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port of '" + text + "' is not 1..65535");
        }
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets: '" + text + "'");
        }
        boolean literal = bracketed ? host.matches("[0-9A-Fa-f:.]+") : host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!literal) {
            throw new IllegalArgumentException("'" + text + "' does not name an IP address");
        }
        InetSocketAddress a = new InetSocketAddress(host, port); // an IP literal: no name lookup
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("'" + text + "' does not name an IP address");
        }
        return a;
    }

    private static long unsigned(String name, String value) {
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an unsigned number: '" + value + "'");
        }
        long n = Long.parseLong(value);
        if (n > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("'" + name + "' is larger than an unsigned 32-bit number");
        }
        return n;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
