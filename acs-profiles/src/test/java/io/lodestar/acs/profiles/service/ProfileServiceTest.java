package io.lodestar.acs.profiles.service;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.crypto.Aes128Gcm;
import io.lodestar.acs.profiles.crypto.InMemorySealedKeyStore;
import io.lodestar.acs.profiles.crypto.KeyRef;
import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.crypto.Openssl;
import io.lodestar.acs.profiles.crypto.ProfileEncryption;
import io.lodestar.acs.profiles.crypto.ProfileKeys;
import io.lodestar.acs.profiles.crypto.SecretBox;
import io.lodestar.acs.profiles.device.DeviceKey;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.device.ProfileDevices;
import io.lodestar.acs.profiles.identify.Identified;
import io.lodestar.acs.profiles.template.InMemoryProfileValues;
import io.lodestar.acs.profiles.template.Phones;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.lodestar.acs.profiles.template.RenderProblem;
import io.lodestar.acs.profiles.template.TemplateRenderer;
import io.lodestar.acs.profiles.template.ValueScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileServiceTest {

    private static final String AGENT = "Cisco-CP-8841-3PCC/11.0 (00562b043615)";
    private static final String PASSPHRASE = "ProfileSecret-8841-abcdef";
    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private static final String TEMPLATE = """
            <flat-profile>
              <Station_Name>$PN-$MA</Station_Name>
              <Display_Name_1_>{{value:display.name}}</Display_Name_1_>
              <Password_1_>{{value:sip.password}}</Password_1_>
              <Profile_Rule>[--key $$SA] http://prov.example.net/profiles/$$MA.xml</Profile_Rule>
            </flat-profile>
            """;

    @TempDir
    Path dir;

    private final ProfileDevice phone = Phones.cp8841();
    private final Map<DeviceKey, ProfileDevice> known = new ConcurrentHashMap<>(
            Map.of(new DeviceKey.ByMac(phone.mac()), phone));
    private final InMemoryProfileValues values = new InMemoryProfileValues()
            .set(ValueScope.DEVICE, phone.id().value(), "display.name", "Alice & Bob")
            .set(ValueScope.TAG, "site-paris", "sip.password", "s3cr3t<>");
    private final InMemoryTemplateCatalog catalog = new InMemoryTemplateCatalog();
    private final ProfileKeys keys = new ProfileKeys(new InMemorySealedKeyStore(), new SecretBox(new byte[32]));
    private final List<byte[]> statusBodies = new ArrayList<>();
    private final List<List<RenderProblem>> refusals = new ArrayList<>();
    private ProfileDeviceRegistrar registrar = ProfileDeviceRegistrar.REFUSE;
    private ProfileAuthenticator authenticator = ProfileAuthenticator.NONE;
    private ProfileDevices devices = key -> Optional.ofNullable(known.get(key));
    private ProfileServiceOptions options = new ProfileServiceOptions(4, Duration.ofSeconds(30), 1024);
    private ProfileRedirects redirects = ProfileRedirects.NONE;
    private final List<String> notServed = new ArrayList<>();

    ProfileServiceTest() {
        catalog.put(ProfileTemplate.of("cp-8841", "/profiles/$MA.xml", TEMPLATE, "application/xml",
                new ProfileEncryption.OpensslAes256Cbc(false), KeyScope.TEMPLATE));
        keys.set(new KeyRef(KeyScope.TEMPLATE, "cp-8841"), new ProfileEncryption.OpensslAes256Cbc(false), PASSPHRASE);
    }

    @Test
    void aResyncingPhoneGetsItsProfileEncryptedAndTheServedBytesDecryptWithOpenssl() throws Exception {
        Openssl.assumePresent();

        ProfileReply reply = service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        assertThat(reply).isInstanceOf(ProfileReply.Ok.class);
        ProfileReply.Ok ok = (ProfileReply.Ok) reply;
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.profile().contentType()).isEqualTo("application/octet-stream");
        Path served = Files.write(dir.resolve("served.cfg"), ok.profile().body());
        String plaintext = new String(Openssl.decrypt(served, PASSPHRASE), StandardCharsets.UTF_8);
        assertThat(plaintext).isEqualTo("""
                <flat-profile>
                  <Station_Name>CP-8841-3PCC-00562b043615</Station_Name>
                  <Display_Name_1_>Alice &amp; Bob</Display_Name_1_>
                  <Password_1_>s3cr3t&lt;&gt;</Password_1_>
                  <Profile_Rule>[--key $SA] http://prov.example.net/profiles/$MA.xml</Profile_Rule>
                </flat-profile>
                """);
    }

    @Test
    void aGzippedProfileUnderTheDevicesOwnKeyDecryptsWithOpensslThenGunzip() throws Exception {
        Openssl.assumePresent();
        Openssl.assumeGunzipPresent();
        var cbcGzip = new ProfileEncryption.OpensslAes256Cbc(true);
        catalog.put(ProfileTemplate.of("cp-8841", "/profiles/$MA.xml", TEMPLATE, "application/xml", cbcGzip,
                KeyScope.DEVICE));
        String deviceKey = keys.generate(new KeyRef(KeyScope.DEVICE, phone.id().value()), cbcGzip);

        ProfileReply.Ok ok = (ProfileReply.Ok) service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        Path gz = Files.write(dir.resolve("p.xml.gz"),
                Openssl.decrypt(Files.write(dir.resolve("p.cfg"), ok.profile().body()), deviceKey));
        assertThat(new String(Openssl.gunzip(gz), StandardCharsets.UTF_8)).contains("<Password_1_>s3cr3t&lt;&gt;</Password_1_>");
    }

    @Test
    void aPhoneThatNeverSpokeTr069IsRenderedWithTheMacModelAndFirmwareItsUserAgentNames() {
        ProfileDevice bare = new ProfileDevice(new io.lodestar.acs.core.device.DeviceId("00562B043615"), null, null,
                null, null, null, null, null, java.util.Set.of("site-paris"), Map.of());
        known.clear();
        known.put(new DeviceKey.ByMac(phone.mac()), bare);
        values.set(ValueScope.DEVICE, "00562B043615", "display.name", "Carol");
        List<String> seen = new ArrayList<>();
        ProfileDevices stored = devices;
        devices = new ProfileDevices() {
            @Override
            public Optional<ProfileDevice> find(DeviceKey key) {
                return stored.find(key);
            }

            @Override
            public void seen(ProfileDevice device, io.lodestar.acs.profiles.identify.Identified p) {
                seen.add(device.id().value() + " " + p.userAgent().productName());
            }
        };
        catalog.put(ProfileTemplate.plain("cp-8841", "/profiles/$MA.xml",
                "<n>$PN $PSN $SWVER $MA {{value:display.name}}</n>"));

        ProfileReply reply = service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        assertThat(reply).isInstanceOf(ProfileReply.Ok.class);
        assertThat(new String(((ProfileReply.Ok) reply).profile().body(), StandardCharsets.UTF_8))
                .isEqualTo("<n>CP-8841-3PCC 8841-3PCC 11.0 00562b043615 Carol</n>");
        assertThat(seen).containsExactly("00562B043615 CP-8841-3PCC");
    }

    @Test
    void anAes128gcmTemplateIsServedAsAContentEncoding() {
        var gcm = new ProfileEncryption.Aes128GcmCoding(4096, "k1");
        catalog.put(ProfileTemplate.of("cp-8841", "/profiles/$MA.xml", TEMPLATE, "application/xml", gcm, KeyScope.TEMPLATE));
        String ikm = keys.generate(new KeyRef(KeyScope.TEMPLATE, "cp-8841"), gcm);

        ProfileReply.Ok ok = (ProfileReply.Ok) service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        assertThat(ok.profile().contentEncoding()).isEqualTo("aes128gcm");
        assertThat(ok.profile().contentType()).isEqualTo("application/xml");
        assertThat(new String(Aes128Gcm.decode(ok.profile().body(), ProfileKeys.keyBytes(gcm, ikm)), StandardCharsets.UTF_8))
                .contains("<Station_Name>CP-8841-3PCC-00562b043615</Station_Name>");
    }

    @Test
    void anUnknownProfilePathOrAnUnknownDeviceIsNotFound() {
        ProfileService service = service();

        assertThat(service.handle(ProfileRequest.get("/firmware/sip88xx.loads", AGENT)))
                .isInstanceOfSatisfying(ProfileReply.NotFound.class, r -> assertThat(r.reason()).contains("no profile template"));
        assertThat(service.handle(ProfileRequest.get("/profiles/0011223344ff.xml", null)))
                .isInstanceOfSatisfying(ProfileReply.NotFound.class, r -> {
                    assertThat(r.status()).isEqualTo(404);
                    assertThat(r.reason()).contains("unknown device").contains("0011223344ff");
                });
    }

    @Test
    void aMovedProfileIsRedirectedWithTheDevicesMacrosExpandedAndAMissingMacroIsRefused() {
        redirects = (device, template) -> template.equals("cp-8841")
                ? Optional.of(new ProfileRedirects.Redirect("https://new.example.net/$PSN/$(MAU)-$$SA-$IP.xml", true))
                : Optional.empty();
        ProfileService service = service();

        assertThat(service.handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT))).isEqualTo(
                new ProfileReply.Redirect("https://new.example.net/8841-3PCC/00562B043615-$SA-$IP.xml", true));
        assertThat(new ProfileReply.Redirect("x", false).status()).isEqualTo(302);

        redirects = (device, template) -> Optional.of(new ProfileRedirects.Redirect("http://a/$HWVER/$SN", false));
        known.put(new DeviceKey.ByMac(phone.mac()), new ProfileDevice(phone.id(), phone.mac(), null, null, null, null,
                null, null, java.util.Set.of(), Map.of()));
        assertThat(service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT)))
                .isInstanceOf(ProfileReply.NotFound.class);
        assertThat(notServed).containsExactly("bad_redirect " + phone.id() + " cp-8841");
    }

    @Test
    void everyRequestAnswered404IsToldToTheListenerWithItsReason() {
        values.remove(ValueScope.TAG, "site-paris", "sip.password");
        catalog.put(ProfileTemplate.plain("by-series", "/$PSN.xml", "<flat-profile>$PN</flat-profile>"));
        ProfileService service = service();

        service.handle(ProfileRequest.get("/firmware/sip88xx.loads", AGENT));
        service.handle(ProfileRequest.get("/8841-3PCC.xml", null));
        service.handle(ProfileRequest.get("/profiles/0011223344ff.xml", null));
        service.handle(ProfileRequest.get("/6841-3PCC.xml", AGENT));
        service.handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        assertThat(notServed).containsExactly("no_profile null null", "unidentified null null",
                "unknown_device null cp-8841", "other_model " + phone.id() + " by-series",
                "incomplete " + phone.id() + " cp-8841");
    }

    @Test
    void aPathNamingAnotherModelThanTheDevicesIsNotFound() {
        catalog.put(ProfileTemplate.plain("by-series", "/$PSN.xml", "<flat-profile>$PN</flat-profile>"));
        ProfileService service = service();

        assertThat(service.handle(ProfileRequest.get("/8841-3PCC.xml", AGENT))).isInstanceOf(ProfileReply.Ok.class);
        assertThat(service.handle(ProfileRequest.get("/6841-3PCC.xml", AGENT)))
                .isInstanceOfSatisfying(ProfileReply.NotFound.class, r -> assertThat(r.reason()).contains("6841-3PCC"));
    }

    @Test
    void anUnknownPhoneIsRegisteredWhenAutoRegistrationIsOn() {
        known.clear();
        List<Identified> registered = new ArrayList<>();
        registrar = identified -> {
            registered.add(identified);
            return Optional.of(phone);
        };

        ProfileReply reply = service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        assertThat(reply).isInstanceOf(ProfileReply.Ok.class);
        assertThat(registered).singleElement().satisfies(i -> {
            assertThat(i.key()).isEqualTo(new DeviceKey.ByMac(phone.mac()));
            assertThat(i.agent()).hasValueSatisfying(a -> assertThat(a.firmware()).isEqualTo("11.0"));
        });
    }

    @Test
    void aTemplateNamingAValueTheDeviceLacksIsRefusedToThePhoneAndToldToOperators() {
        values.remove(ValueScope.TAG, "site-paris", "sip.password");

        ProfileReply reply = service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        assertThat(reply).isInstanceOfSatisfying(ProfileReply.Incomplete.class, r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.template()).isEqualTo("cp-8841");
            assertThat(r.problems()).containsExactly(new RenderProblem.MissingValue("sip.password"));
        });
        assertThat(refusals).containsExactly(List.of(new RenderProblem.MissingValue("sip.password")));
    }

    @Test
    void aKeySealedUnderAnotherMasterKeyIsRefusedAsUnusableNotAnError() {
        byte[] master = new byte[32];
        master[0] = 1;
        var store = new InMemorySealedKeyStore();
        new ProfileKeys(store, new SecretBox(master)).set(new KeyRef(KeyScope.TEMPLATE, "cp-8841"),
                new ProfileEncryption.OpensslAes256Cbc(false), PASSPHRASE);
        ProfileKeys wrong = new ProfileKeys(store, new SecretBox(new byte[32]));
        ProfileBuilder builder = new ProfileBuilder(new TemplateRenderer(values), wrong);

        ProfileBuilder.Result result = builder.build(catalog.templates().iterator().next(), phone);

        assertThat(result).isInstanceOfSatisfying(ProfileBuilder.Refused.class, r -> assertThat(r.problems())
                .singleElement().isInstanceOf(RenderProblem.UnusableKey.class));
    }

    @Test
    void anEncryptedTemplateWithoutItsKeyIsRefusedNamingTheKey() {
        catalog.put(ProfileTemplate.of("cp-8841", "/profiles/$MA.xml", TEMPLATE, "application/xml",
                new ProfileEncryption.OpensslAes256Cbc(false), KeyScope.DEVICE));

        ProfileReply reply = service().handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        assertThat(reply).isInstanceOfSatisfying(ProfileReply.Incomplete.class, r -> assertThat(r.problems())
                .containsExactly(new RenderProblem.MissingKey("device " + phone.id())));
    }

    @Test
    void credentialsAreAskedForWhenTheAuthenticatorChallenges() {
        authenticator = (request, identified) -> request.authorization() == null
                ? new ProfileAuthenticator.Challenge(List.of("Digest realm=\"profiles\", nonce=\"n\", qop=\"auth\""))
                : new ProfileAuthenticator.Allow();
        ProfileService service = service();
        ProfileRequest request = ProfileRequest.get("/profiles/00562b043615.xml", AGENT);

        assertThat(service.handle(request)).isInstanceOfSatisfying(ProfileReply.Challenge.class, c -> {
            assertThat(c.status()).isEqualTo(401);
            assertThat(c.wwwAuthenticate()).containsExactly("Digest realm=\"profiles\", nonce=\"n\", qop=\"auth\"");
        });
        assertThat(service.handle(request.withAuthorization("Digest username=\"x\""))).isInstanceOf(ProfileReply.Ok.class);
    }

    @Test
    void phonesAreToldToComeBackLaterWhileTooManyProfilesAreBeingBuilt() throws Exception {
        options = new ProfileServiceOptions(1, Duration.ofMillis(1500), 1024);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        devices = key -> {
            inside.countDown();
            await(release);
            return Optional.ofNullable(known.get(key));
        };
        ProfileService service = service();
        ProfileRequest request = ProfileRequest.get("/profiles/00562b043615.xml", AGENT);

        CompletableFuture<ProfileReply> first = CompletableFuture.supplyAsync(() -> service.handle(request));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        ProfileReply second = service.handle(request);
        release.countDown();

        assertThat(second).isInstanceOfSatisfying(ProfileReply.Busy.class, b -> {
            assertThat(b.status()).isEqualTo(503);
            assertThat(b.retryAfterSeconds()).isEqualTo(2);
        });
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(ProfileReply.Ok.class);
        assertThat(service.handle(request)).isInstanceOf(ProfileReply.Ok.class);
    }

    @Test
    void aPostedStatusIsStoredAndAnsweredWithTheProfile() {
        byte[] status = "<status><reg>ok</reg></status>".getBytes(StandardCharsets.UTF_8);

        ProfileReply reply = service().handle(new ProfileRequest("POST", "/profiles/00562b043615.xml", AGENT, null,
                null, status, "192.0.2.7"));

        assertThat(reply).isInstanceOf(ProfileReply.Ok.class);
        assertThat(statusBodies).containsExactly(status);
    }

    @Test
    void anOversizedStatusAndOtherMethodsAreRefused() {
        ProfileService service = service();

        assertThat(service.handle(new ProfileRequest("POST", "/profiles/00562b043615.xml", AGENT, null, null,
                new byte[1025], null))).isEqualTo(new ProfileReply.TooLarge(1024));
        assertThat(service.handle(new ProfileRequest("PUT", "/profiles/00562b043615.xml", AGENT, null, null, null, null)))
                .isInstanceOfSatisfying(ProfileReply.MethodNotAllowed.class, r -> assertThat(r.status()).isEqualTo(405));
        assertThat(statusBodies).isEmpty();
    }

    @Test
    void headIsAnsweredAsGetForTheHandlerToSendTheHeadersOnly() {
        ProfileService service = service();
        ProfileReply.Ok get = (ProfileReply.Ok) service.handle(ProfileRequest.get("/profiles/00562b043615.xml", AGENT));

        ProfileReply head = service.handle(new ProfileRequest("head", "/profiles/00562b043615.xml", AGENT, null, null,
                null, null));

        assertThat(head).isInstanceOfSatisfying(ProfileReply.Ok.class, h -> assertThat(h.etag()).isEqualTo(get.etag()));
    }

    @Test
    void anUnchangedProfileIsNotSentAgain() {
        ProfileService service = service();
        ProfileRequest request = ProfileRequest.get("/profiles/00562b043615.xml", AGENT);
        ProfileReply.Ok first = (ProfileReply.Ok) service.handle(request);

        assertThat(service.handle(request.withIfNoneMatch(first.etag())))
                .isEqualTo(new ProfileReply.NotModified(first.etag()));
        values.set(ValueScope.DEVICE, phone.id().value(), "display.name", "Carol");
        assertThat(service.handle(request.withIfNoneMatch(first.etag()))).isInstanceOf(ProfileReply.Ok.class);
    }

    private ProfileService service() {
        ProfileListener listener = new ProfileListener() {
            @Override
            public void refused(DeviceId device, String template, List<RenderProblem> problems) {
                refusals.add(problems);
            }

            @Override
            public void notServed(DeviceId device, String template, RefusalReason reason, String message) {
                notServed.add(reason.tag() + " " + device + " " + template);
            }
        };
        return new ProfileService(catalog, devices, registrar, authenticator,
                new ProfileBuilder(new TemplateRenderer(values), keys),
                (device, template, at, body) -> {
                    assertThat(device).isEqualTo(phone.id());
                    assertThat(at).isEqualTo(NOW);
                    statusBodies.add(body);
                }, listener, options, Clock.fixed(NOW, ZoneOffset.UTC), redirects);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not released in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
