package io.lodestar.acs.api.auth;

import io.lodestar.acs.core.access.TokenScope;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The scope a route needs; {@link AuthFilter} checks the bearer token against it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {
    TokenScope value();
}
