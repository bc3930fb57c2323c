package io.lodestar.acs.sim.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CookieJarTest {

    @Test
    void plainCookiesWithAttributes() {
        CookieJar jar = new CookieJar();
        assertThat(jar.header()).isNull();
        jar.store(List.of("JSESSIONID=abc123; Path=/acs; HttpOnly", "route=r1; Max-Age=3600; Secure"));
        assertThat(jar.header()).isEqualTo("JSESSIONID=abc123; route=r1");
    }

    @Test
    void rfc2109AttributesAnywhere() {
        CookieJar jar = new CookieJar();
        jar.store(List.of("$Version=\"1\"; session=\"xyz\"; $Path=\"/\""));
        jar.store(List.of("Version=1; other=2; Path=/"));
        assertThat(jar.header()).isEqualTo("session=\"xyz\"; other=2");
    }

    @Test
    void foldedHeaderAndExpiresWithComma() {
        CookieJar jar = new CookieJar();
        jar.store(List.of("a=1; Expires=Wed, 09 Jun 2100 10:18:14 GMT; Path=/, b=2; Path=/"));
        assertThat(jar.cookies()).containsOnlyKeys("a", "b");
    }

    @Test
    void laterValuesReplaceAndExpiredCookiesGo() {
        CookieJar jar = new CookieJar();
        jar.store(List.of("a=1", "b=2"));
        jar.store(List.of("a=3"));
        assertThat(jar.header()).isEqualTo("a=3; b=2");
        jar.store(List.of("a=; Max-Age=0"));
        jar.store(List.of("b=x; Expires=Thu, 01-Jan-1970 00:00:01 GMT"));
        assertThat(jar.header()).isNull();
    }

    @Test
    void garbageIsIgnored() {
        CookieJar jar = new CookieJar();
        jar.store(List.of("", ";;", "Path=/", "novalue"));
        assertThat(jar.header()).isNull();
    }
}
