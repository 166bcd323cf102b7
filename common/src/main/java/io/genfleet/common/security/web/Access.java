package io.genfleet.common.security.web;

import io.genfleet.common.security.Scope;

/**
 * What a request needs before it reaches a controller.
 *
 * @param kind     public, an API key with {@code scope}, or the internal secret
 * @param scope    the scope needed (only for {@link Kind#KEY})
 * @param action   what the request does, for the audit log and the rate limit ({@code submit}, {@code retry_failed},
 *                 {@code item_retry}, {@code dlt_replay}, {@code operate}); {@code null} for reads
 * @param batchId  the batch id in the path, if any (validated later by the controller)
 */
public record Access(Kind kind, Scope scope, String action, String batchId) {

    public enum Kind { PUBLIC, KEY, INTERNAL }

    static Access publicAccess() {
        return new Access(Kind.PUBLIC, null, null, null);
    }

    static Access internal() {
        return new Access(Kind.INTERNAL, null, null, null);
    }

    static Access key(Scope scope, String action, String batchId) {
        return new Access(Kind.KEY, scope, action, batchId);
    }

    /** A change that is audited and rate limited. */
    boolean isAudited() {
        return action != null;
    }
}
