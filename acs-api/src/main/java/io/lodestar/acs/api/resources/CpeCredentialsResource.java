package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.store.CpeCredentialStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;

/**
 * The credentials CPEs must present to the ACS (HTTP Digest or Basic; docs/cpe-authentication.md): per device, per
 * OUI and product class, and the fleet's default. Set with a user and a password, kept only as Digest hashes for the
 * ACS's realm; reads say who they are for and when they were set, never the password or its hashes. Admin scope.
 * A device's own are under its path ({@link DeviceCpeCredentialsResource}).
 */
@Path("/api/v1/cpe-credentials")
@Tag(name = "cpe-credentials")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class CpeCredentialsResource {

    private final CpeCredentialStore store;
    private final DeviceService devices;
    private final String realm;
    private final Clock clock;

    public CpeCredentialsResource(CpeCredentialStore store, DeviceService devices, String realm, Clock clock) {
        this.store = store;
        this.devices = devices;
        this.realm = realm;
        this.clock = clock;
    }

    // ---- one OUI and product class ---------------------------------------------------------------------------

    @PUT
    @Path("product-classes/{oui}/{productClass}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Sets the credentials of every device of this OUI and product class without its own")
    public Views.CpeCredentialsView putClass(@PathParam("oui") String oui, @PathParam("productClass") String productClass,
                                             Views.NewCpeCredentials body) {
        return set(classScope(oui, productClass), body);
    }

    @GET
    @Path("product-classes/{oui}/{productClass}")
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Who this product class's credentials are for (404 when it has none)")
    public Views.CpeCredentialsView getClass(@PathParam("oui") String oui, @PathParam("productClass") String productClass) {
        return get(classScope(oui, productClass));
    }

    @DELETE
    @Path("product-classes/{oui}/{productClass}")
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Removes this product class's credentials (the default then applies)",
            responses = @ApiResponse(responseCode = "204", description = "removed"))
    public Response deleteClass(@PathParam("oui") String oui, @PathParam("productClass") String productClass) {
        return delete(classScope(oui, productClass));
    }

    // ---- the fleet's default ---------------------------------------------------------------------------------

    @PUT
    @Path("default")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Sets the credentials of every device without its own or its product class's")
    public Views.CpeCredentialsView putDefault(Views.NewCpeCredentials body) {
        return set(CpeCredentialScope.FLEET, body);
    }

    @GET
    @Path("default")
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Who the default credentials are for (404 when there are none)")
    public Views.CpeCredentialsView getDefault() {
        return get(CpeCredentialScope.FLEET);
    }

    @DELETE
    @Path("default")
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Removes the default credentials: devices without their own or their class's can no longer "
            + "authenticate", responses = @ApiResponse(responseCode = "204", description = "removed"))
    public Response deleteDefault() {
        return delete(CpeCredentialScope.FLEET);
    }

    // ---- the work --------------------------------------------------------------------------------------------

    Views.CpeCredentialsView set(CpeCredentialScope scope, Views.NewCpeCredentials body) {
        if (body == null) {
            throw ApiException.badRequest("BAD_JSON", "CPE credentials need a body {\"username\": ..., \"password\": ...}");
        }
        String username = body.username();
        String password = body.password();
        if (username == null || username.isEmpty() || username.length() > CpeCredential.MAX_LENGTH
                || username.indexOf(':') >= 0 || hasControl(username)) {
            throw ApiException.unprocessable("BAD_USERNAME", "username needs 1 to " + CpeCredential.MAX_LENGTH
                    + " characters, no ':' and no control characters");
        }
        if (password == null || password.isEmpty() || password.length() > CpeCredential.MAX_LENGTH
                || hasControl(password)) {
            throw ApiException.unprocessable("BAD_PASSWORD", "password needs 1 to " + CpeCredential.MAX_LENGTH
                    + " characters and no control characters");
        }
        CpeCredential credential = new CpeCredential(username, realm,
                Digest.ha1(DigestAlgorithm.MD5, username, realm, password),
                Digest.ha1(DigestAlgorithm.SHA_256, username, realm, password), clock.instant());
        store.putCpeCredential(scope, credential);
        return view(scope, credential);
    }

    Views.CpeCredentialsView get(CpeCredentialScope scope) {
        return store.findCpeCredential(scope).map(c -> view(scope, c)).orElseThrow(() ->
                ApiException.notFound("NO_CPE_CREDENTIALS", "no CPE credentials are set for " + describe(scope)));
    }

    Response delete(CpeCredentialScope scope) {
        if (!store.deleteCpeCredential(scope)) {
            throw ApiException.notFound("NO_CPE_CREDENTIALS", "no CPE credentials are set for " + describe(scope));
        }
        return Response.noContent().build();
    }

    CpeCredentialScope deviceScope(String text) {
        DeviceId id;
        try {
            id = DeviceIds.resolve(devices, text);
        } catch (ServiceException | IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_DEVICE_ID", e.getMessage());
        }
        return new CpeCredentialScope.Device(id);
    }

    private static CpeCredentialScope classScope(String oui, String productClass) {
        try {
            return new CpeCredentialScope.ProductClass(oui, productClass);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_PRODUCT_CLASS", e.getMessage());
        }
    }

    private static Views.CpeCredentialsView view(CpeCredentialScope scope, CpeCredential c) {
        if (scope instanceof CpeCredentialScope.Device d) {
            return new Views.CpeCredentialsView("device", d.id().value(), null, null, c.username(), c.realm(),
                    c.setAt());
        }
        if (scope instanceof CpeCredentialScope.ProductClass p) {
            return new Views.CpeCredentialsView("product-class", null, p.oui(), p.productClass(), c.username(),
                    c.realm(), c.setAt());
        }
        return new Views.CpeCredentialsView("default", null, null, null, c.username(), c.realm(), c.setAt());
    }

    private static String describe(CpeCredentialScope scope) {
        if (scope instanceof CpeCredentialScope.Device d) {
            return "device " + d.id().value();
        }
        if (scope instanceof CpeCredentialScope.ProductClass p) {
            return "product class " + p.oui() + "/" + p.productClass();
        }
        return "the fleet (default)";
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
