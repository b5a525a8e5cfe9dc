package dev.lifeline.gateway.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The dashboard page and its script and style, served from the jar ({@code ui/} beside this
 * class): hand-written HTML, CSS and JavaScript, nothing from the internet and no build step.
 * A strict Content-Security-Policy lets the page talk to this server only and run only its own
 * script, so text from the network shown on it (caller names, reasons) cannot run as code.
 */
final class DashboardAssets {

    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("index.html", "text/html; charset=utf-8"),
            "/index.html", new Asset("index.html", "text/html; charset=utf-8"),
            "/ui/app.js", new Asset("app.js", "text/javascript; charset=utf-8"),
            "/ui/app.css", new Asset("app.css", "text/css; charset=utf-8"),
            "/ui/icon.svg", new Asset("icon.svg", "image/svg+xml"));
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String resource, String contentType) {
    }

    private DashboardAssets() {
    }

    static boolean serves(String path) {
        return ASSETS.containsKey(path);
    }

    static void serve(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Allow", "GET, HEAD");
            AdminServer.plainError(exchange, 405, "only GET is supported");
            return;
        }
        Asset asset = ASSETS.get(exchange.getRequestURI().getPath());
        byte[] bytes;
        try (InputStream in = DashboardAssets.class.getResourceAsStream("ui/" + asset.resource())) {
            if (in == null) {
                AdminServer.plainError(exchange, 500, "the dashboard's " + asset.resource()
                        + " is missing from this build");
                return;
            }
            bytes = in.readAllBytes();
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", asset.contentType());
        headers.set("Cache-Control", "no-cache");
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
