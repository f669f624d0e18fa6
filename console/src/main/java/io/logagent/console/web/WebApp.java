package io.logagent.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationException;
import io.logagent.console.auth.AuthGuard;
import io.logagent.console.auth.SessionStore;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.search.SearchBackend;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Builds the Javalin application: static page from {@code /public}, the auth guard before every matched route,
 * strict security headers, and one place that turns exceptions into JSON errors with the right status.
 */
public final class WebApp {

    private static final Logger log = LoggerFactory.getLogger(WebApp.class);
    /** Everything the page needs comes from this origin; no inline script can run even if text were mis-rendered. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private WebApp() {
    }

    public static Javalin create(ObjectMapper mapper, AuthGuard guard, List<Routes> routes) {
        return create(mapper, guard, routes, new ConsoleConfig.Http("127.0.0.1", 0));
    }

    /** With {@code http.tls()} the only listener is HTTPS on {@code http}'s bind and port. */
    public static Javalin create(ObjectMapper mapper, AuthGuard guard, List<Routes> routes, ConsoleConfig.Http http) {
        Optional<SSLContext> tls = http.tls().map(HttpsConnector::context);
        // Bounded pool: at most 64 concurrent requests, further connections wait in Jetty's accept queue.
        QueuedThreadPool pool = new QueuedThreadPool(64, 4, 60_000);
        pool.setName("console-http");
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jetty.threadPool = pool;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/public";
                s.location = Location.CLASSPATH;
                s.headers = Map.of("Cache-Control", "no-cache");
            });
            cfg.http.maxRequestSize = 1_000_000;
            tls.ifPresent(context -> cfg.jetty.addConnector((server, httpConfig) ->
                    HttpsConnector.create(server, httpConfig, http, context)));
        });
        app.before(WebApp::securityHeaders);
        app.beforeMatched(guard::check);
        routes.forEach(r -> r.register(app));
        app.exception(ApiError.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", challenge(ctx));
            }
            error(ctx, e.status(), e.getMessage(), e.details());
        });
        app.exception(SearchBackend.BadQueryException.class, (e, ctx) ->
                error(ctx, 400, "bad query: " + e.getMessage(), Map.of()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), Map.of()));
        app.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, "bad parameter: " + e.getErrors(), Map.of()));
        app.exception(BadRequestResponse.class, (e, ctx) -> error(ctx, 400, e.getMessage(), Map.of()));
        app.exception(SessionStore.TooManySessionsException.class, (e, ctx) -> error(ctx, 503, e.getMessage(), Map.of()));
        app.exception(SearchBackend.BackendException.class, (e, ctx) -> backendDown(ctx, e));
        app.exception(EtcdKv.EtcdUnavailableException.class, (e, ctx) -> backendDown(ctx, e));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), Map.of());
        });
        return app;
    }

    /**
     * What a 401 asks for (RFC 9110 requires the header): HTTP Basic for scripts; for the console's own page (which
     * marks its requests) a scheme browsers do not prompt for, so a lapsed session shows the login form, not the
     * browser's password dialog.
     */
    static String challenge(Context ctx) {
        return PAGE_MARK.equals(ctx.header("X-Requested-With")) ? "Session realm=\"logagent\""
                : "Basic realm=\"logagent\", charset=\"UTF-8\"";
    }

    /** The {@code X-Requested-With} value the page's fetch wrapper (api.js) sends. */
    static final String PAGE_MARK = "logagent-console";

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if ("https".equals(ctx.scheme())) {
            // Browsers that once met the console over HTTPS never fall back to plain HTTP for a year.
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private static void backendDown(Context ctx, RuntimeException e) {
        log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        error(ctx, 502, e.getMessage(), Map.of());
    }

    private static void error(Context ctx, int status, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>(details);
        body.put("error", message);
        ctx.status(status).json(body);
    }
}
