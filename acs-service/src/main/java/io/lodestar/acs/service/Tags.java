package io.lodestar.acs.service;

import java.util.Collection;

/** What an operator tag may be: a short word that fits in a URL query or a comma-separated list unchanged. */
final class Tags {

    static final int MAX_LENGTH = 64;

    private Tags() {}

    /** @throws ServiceException BAD_TAG for an empty or too long tag, or one with whitespace, a control character or a comma */
    static void requireValid(Collection<String> tags) {
        for (String tag : tags) {
            requireValid(tag);
        }
    }

    static void requireValid(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new ServiceException(ErrorCode.BAD_TAG, "a tag cannot be empty");
        }
        if (tag.length() > MAX_LENGTH) {
            throw new ServiceException(ErrorCode.BAD_TAG, "tag '" + tag + "' is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == ',') {
                throw new ServiceException(ErrorCode.BAD_TAG, "tag '" + tag
                        + "' holds a space, a control character or a comma");
            }
        }
    }
}
