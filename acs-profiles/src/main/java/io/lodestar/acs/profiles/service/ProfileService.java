package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.device.ProfileDevices;
import io.lodestar.acs.profiles.identify.DeviceIdentifier;
import io.lodestar.acs.profiles.identify.Identification;
import io.lodestar.acs.profiles.identify.Identified;
import io.lodestar.acs.profiles.template.Macro;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Answers phones that resync their profile over HTTP(S) without TR-069, free of any transport: the file server's
 * handler turns a request into a {@link ProfileRequest} and maps the {@link ProfileReply} to HTTP. Blocking (it reads
 * the store through its collaborators), so the handler calls it off the event loop. In order: method, admission
 * (503 when {@code maxConcurrentBuilds} are under way), identification by path and User-Agent, credentials,
 * device lookup or registration, the POSTed status, then the profile. Failures of collaborators propagate (500).
 */
public final class ProfileService {

    private final TemplateCatalog catalog;
    private final ProfileDevices devices;
    private final ProfileDeviceRegistrar registrar;
    private final ProfileAuthenticator authenticator;
    private final ProfileBuilder builder;
    private final StatusReports statusReports;
    private final ProfileListener listener;
    private final ProfileServiceOptions options;
    private final Clock clock;
    private final Semaphore builds;
    private final ProfileRedirects redirects;

    public ProfileService(TemplateCatalog catalog, ProfileDevices devices, ProfileDeviceRegistrar registrar,
                          ProfileAuthenticator authenticator, ProfileBuilder builder, StatusReports statusReports,
                          ProfileListener listener, ProfileServiceOptions options, Clock clock) {
        this(catalog, devices, registrar, authenticator, builder, statusReports, listener, options, clock,
                ProfileRedirects.NONE);
    }

    public ProfileService(TemplateCatalog catalog, ProfileDevices devices, ProfileDeviceRegistrar registrar,
                          ProfileAuthenticator authenticator, ProfileBuilder builder, StatusReports statusReports,
                          ProfileListener listener, ProfileServiceOptions options, Clock clock,
                          ProfileRedirects redirects) {
        this.redirects = Objects.requireNonNull(redirects, "redirects");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.statusReports = Objects.requireNonNull(statusReports, "statusReports");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.builds = new Semaphore(options.maxConcurrentBuilds());
    }

    public ProfileReply handle(ProfileRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            return new ProfileReply.MethodNotAllowed(method);
        }
        if (method.equals("POST") && request.body().length > options.maxStatusBytes()) {
            return new ProfileReply.TooLarge(options.maxStatusBytes());
        }
        if (!builds.tryAcquire()) {
            return new ProfileReply.Busy(options.retryAfter());
        }
        try {
            return admitted(request, method);
        } finally {
            builds.release();
        }
    }

    private ProfileReply admitted(ProfileRequest request, String method) {
        Identification identification = DeviceIdentifier.identify(request.path(), request.userAgent(),
                catalog.templates());
        if (identification instanceof Identification.NoProfile none) {
            return notFound(null, null, RefusalReason.NO_PROFILE, none.reason());
        }
        if (identification instanceof Identification.Unidentified unidentified) {
            return notFound(null, null, RefusalReason.UNIDENTIFIED, unidentified.reason());
        }
        Identified phone = (Identified) identification;
        ProfileAuthenticator.Decision decision = authenticator.check(request, phone);
        if (decision instanceof ProfileAuthenticator.Challenge challenge) {
            return new ProfileReply.Challenge(challenge.wwwAuthenticate());
        }
        Optional<ProfileDevice> found = devices.find(phone.key());
        if (found.isEmpty()) {
            found = registrar.register(phone);
        }
        String template = phone.template().name();
        if (found.isEmpty()) {
            return notFound(null, template, RefusalReason.UNKNOWN_DEVICE,
                    "unknown device (" + phone.key() + ") and auto-registration is off");
        }
        devices.seen(found.get(), phone);
        ProfileDevice device = withPhoneFacts(found.get(), phone);
        Optional<ProfileRedirects.Redirect> moved = redirects.find(device, template);
        if (moved.isPresent()) {
            Optional<String> location = expand(moved.get().location(), device);
            if (location.isEmpty()) {
                return notFound(device.id(), template, RefusalReason.BAD_REDIRECT, "the redirect's location "
                        + moved.get().location() + " names a macro device " + device.id() + " lacks");
            }
            return new ProfileReply.Redirect(location.get(), moved.get().permanent());
        }
        Optional<String> otherModel = otherModel(phone, device);
        if (otherModel.isPresent()) {
            return notFound(device.id(), template, RefusalReason.OTHER_MODEL, otherModel.get());
        }
        if (method.equals("POST") && request.body().length > 0) {
            statusReports.record(device.id(), template, clock.instant(), request.body().clone());
        }
        ProfileBuilder.Result result = builder.build(phone.template(), device);
        if (result instanceof ProfileBuilder.Refused refused) {
            listener.refused(device.id(), template, refused.problems());
            listener.notServed(device.id(), template, RefusalReason.INCOMPLETE, String.join("; ",
                    refused.problems().stream().map(io.lodestar.acs.profiles.template.RenderProblem::message).toList()));
            return new ProfileReply.Incomplete(template, device.id().value(), refused.problems());
        }
        var profile = ((ProfileBuilder.Built) result).profile();
        String etag = etagOf(profile.body());
        if (matches(request.ifNoneMatch(), etag)) {
            return new ProfileReply.NotModified(etag);
        }
        listener.served(device.id(), template, profile.body().length);
        return new ProfileReply.Ok(profile, etag);
    }

    private ProfileReply.NotFound notFound(io.lodestar.acs.core.device.DeviceId device, String template,
                                           RefusalReason reason, String message) {
        listener.notServed(device, template, reason, message);
        return new ProfileReply.NotFound(message);
    }

    private static final java.util.regex.Pattern MACRO =
            java.util.regex.Pattern.compile("\\$(?:\\$|\\(([A-Z]+)\\)|([A-Z]+))");

    /**
     * A redirect's location with the device's macros expanded ({@code $MA}, {@code $(SN)}; {@code $$} is a literal
     * {@code $}; names Lodestar does not expand are left as written); empty when the device lacks a macro's value.
     */
    static Optional<String> expand(String location, ProfileDevice device) {
        var m = MACRO.matcher(location);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String replacement;
            if (name == null) {
                replacement = "$";
            } else {
                Optional<Macro> macro = Macro.named(name);
                if (macro.isEmpty()) {
                    replacement = m.group();
                } else {
                    Optional<String> value = macro.get().valueFor(device);
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    replacement = value.get();
                }
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /**
     * What the phone tells of itself fills what the store lacks: a phone that never spoke TR-069 has no parameters,
     * so its MAC, model, firmware and serial come from its path and User-Agent. Stored facts win.
     */
    static ProfileDevice withPhoneFacts(ProfileDevice d, Identified phone) {
        var mac = d.mac();
        if (mac == null && phone.key() instanceof io.lodestar.acs.profiles.device.DeviceKey.ByMac byMac) {
            mac = byMac.mac();
        }
        var agent = phone.agent();
        String serial = d.serialNumber() != null ? d.serialNumber()
                : phone.key() instanceof io.lodestar.acs.profiles.device.DeviceKey.BySerial s ? s.serialNumber()
                : agent.map(a -> a.serialNumber()).orElse(null);
        String product = d.productName() != null ? d.productName() : agent.map(a -> a.productName()).orElse(null);
        String firmware = d.softwareVersion() != null ? d.softwareVersion() : agent.map(a -> a.firmware()).orElse(null);
        return new ProfileDevice(d.id(), mac, serial, d.productClass(), product, d.productSeries(), firmware,
                d.hardwareVersion(), d.tags(), d.parameters());
    }

    /**
     * A path that names a model ({@code $PSN.xml}) must name this device's: a CP-6841 asking for
     * {@code /8841-3PCC.xml} would otherwise be configured as another model. Unknown facts do not refuse.
     */
    private static Optional<String> otherModel(Identified phone, ProfileDevice device) {
        for (Macro macro : new Macro[]{Macro.PN, Macro.PSN}) {
            String asked = phone.pathValues().get(macro);
            Optional<String> actual = macro.valueFor(device);
            if (asked != null && actual.isPresent() && !actual.get().equalsIgnoreCase(asked)) {
                return Optional.of("the path asks for $" + macro.name() + " " + asked + " but device " + device.id()
                        + " is " + actual.get());
            }
        }
        return Optional.empty();
    }

    /** A strong ETag: the served bytes are a function of the profile and its key (see ProfileEncoder). */
    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.length() > 4096) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
