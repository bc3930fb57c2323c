package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.template.ProfileTemplate;

import java.util.Collection;

/** The templates in force. The merger backs it with a store and the files API's template upload. */
public interface TemplateCatalog {

    Collection<ProfileTemplate> templates();
}
