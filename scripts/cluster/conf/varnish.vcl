# Varnish in front of the consultation (haproxy, then the Zope instances):
# the production recommendation. scripts/cluster/varnish.sh fills in the
# backend (BACKEND_HOST, BACKEND_PORT) and starts varnishd with it.
#
# What Plone says decides what is kept: only answers with s-maxage (or
# "public") and no cookie being set, i.e. what plone.app.caching marks for a
# shared cache (torino.socialplan's pages and REST GETs for anonymous readers).
# Nothing is kept for a request with an Authorization header or with a
# cookie Plone reads (logged in, a status message, a session, a language);
# tracking cookies are dropped first. Plone purges what a change shows on
# (PURGE, from loopback only); one PURGE drops every variant of the path
# (HTML and JSON, each language) and its query strings (comment batches).
vcl 4.1;

import cookie;
import std;

backend default {
    .host = "@BACKEND_HOST@";
    .port = "@BACKEND_PORT@";
    .connect_timeout = 5s;
    .first_byte_timeout = 120s;
    .between_bytes_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        # Plone's purger talks to Varnish directly. A PURGE that a proxy
        # forwarded (X-Forwarded-For lists an address before the one Varnish
        # appended) comes from a client, even if the proxy is on loopback;
        # behind a PROXY-protocol listener client.ip is the real client.
        if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
            return (synth(405, "PURGE only from loopback"));
        }
        # Lurker-friendly ban (obj.* only) on the path without its query.
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # POST (comments, pledges, forms), PATCH, DELETE...: straight through.
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }

    # Campaign parameters change nothing Plone renders.
    if (req.url ~ "[?&](utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
    }

    # Keep only the cookies Plone reads; any of them left means the answer
    # may be someone's own: never from the cache.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep_re("^(__ac.*|auth_token|_ZopeId|statusmessages|I18N_LANGUAGE|__cp|__ginger_snap)$");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        } else {
            return (pass);
        }
    }

    # plone.rest answers JSON only to an Accept of exactly one media type;
    # two values are enough for the cache to tell the answers apart.
    if (req.http.Accept ~ "^\s*application/json\s*(;[^,]*)?$") {
        set req.http.Accept = "application/json";
    } else {
        set req.http.Accept = "text/html";
    }
    # The site's languages (plone.available_languages): the first of them
    # the browser names, as Plone's negotiation would pick in practice.
    if (req.http.Accept-Language ~ "(^|[\s,])(it|en)([-;,\s]|$)") {
        set req.http.Accept-Language = regsub(req.http.Accept-Language, "^.*?(?:^|[\s,])(it|en)(?:[-;,\s].*)?$", "\1");
    } else {
        unset req.http.Accept-Language;
    }
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    # Text compressed once, kept compressed, sent so to every browser that
    # accepts gzip (Varnish unzips for the rare one that does not): pages,
    # CSS, JavaScript, JSON, SVG. Fonts (woff2) and images are compressed
    # already. Passed answers (logged in, POST) are compressed as well.
    if (!beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^(text/|application/(javascript|x-javascript|json|ld\+json|xml|rss\+xml|atom\+xml|manifest\+json)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (!beresp.http.Cache-Control
        || beresp.http.Cache-Control !~ "(s-maxage=[1-9]|public)"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Set-Cookie) {
        # Not for a shared cache: remember that for a while (hit-for-miss)
        # so that requests for it are not queued behind each other.
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The HTML page and its JSON share a URL, and both are translated.
    if (!beresp.http.Vary) {
        set beresp.http.Vary = "Accept, Accept-Language";
    } else {
        if (beresp.http.Vary !~ "(^|,)\s*Accept\s*(,|$)") {
            set beresp.http.Vary = beresp.http.Vary + ", Accept";
        }
        if (beresp.http.Vary !~ "Accept-Language") {
            set beresp.http.Vary = beresp.http.Vary + ", Accept-Language";
        }
    }
    # Resources whose address changes with their content (Plone's
    # ++webresource++<hash>, hashed image scales): a year, here and in
    # browsers; a new version has a new address.
    if (bereq.url ~ "/\+\+webresource\+\+[0-9a-f-]+/|/@@images/[^/?]+-[0-9a-f]{20,}\.") {
        set beresp.ttl = 365d;
        set beresp.http.Cache-Control = "public, max-age=31536000, immutable";
    }
    # A short grace absorbs the crowd when an entry expires; purged entries
    # are banned, never served in grace.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
