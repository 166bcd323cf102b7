package io.genfleet.common.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook URLs the fleet posts to. By default only https to public addresses: a storyboard's {@code notify.url}
 * is user input, and posting it to loopback or a private range would let any submitter reach services inside the
 * deployment (server-side request forgery). Every address the host resolves to is checked, at submission and again
 * before each delivery (DNS may change in between); the sender never follows redirects.
 *
 * @param allowHttp            {@code genfleet.webhooks.allow-http}
 * @param allowPrivateAddresses {@code genfleet.webhooks.allow-private-addresses}
 */
public record WebhookUrlPolicy(boolean allowHttp, boolean allowPrivateAddresses) {

    /** Why a URL is refused. */
    public static final class RefusedUrlException extends IllegalArgumentException {
        RefusedUrlException(String message) {
            super(message);
        }
    }

    /** The URL, or a {@link RefusedUrlException} saying why not. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RefusedUrlException("is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new RefusedUrlException(allowHttp ? "must be an http or https URL" : "must be an https URL "
                    + "(http only with genfleet.webhooks.allow-http=true)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedUrlException("has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedUrlException("must not carry credentials");
        }
        if (!allowPrivateAddresses) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new RefusedUrlException("host " + uri.getHost() + " does not resolve");
            }
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    throw new RefusedUrlException("resolves to the non-public address " + address.getHostAddress()
                            + " (allowed only with genfleet.webhooks.allow-private-addresses=true)");
                }
            }
        }
        return uri;
    }

    /** Loopback, unspecified, link-local, private (10/8, 172.16/12, 192.168/16, fc00::/7), CGNAT and multicast. */
    static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean carrierGradeNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || carrierGradeNat;
    }
}
