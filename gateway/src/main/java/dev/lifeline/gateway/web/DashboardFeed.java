package dev.lifeline.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.lifeline.gateway.events.ControlCharacters;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventJson;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.routing.CallInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live side: every {@link #TICK} it builds a snapshot of the gateway (the
 * status the API serves, plus active calls with the MOS the relay last reported), offers it to
 * the history, and pushes it to each open Server-Sent Events stream; each event from the
 * gateway's event stream is pushed as it happens. Each stream has its own writer thread and a
 * bounded queue: a slow reader loses snapshots (only the latest matters) and, if its queue is
 * full, events, which it is told about ({@code gap} with the count) rather than the gateway
 * waiting for it. At most {@value #MAX_STREAMS} streams; each ends after {@link #MAX_STREAM_AGE}
 * and the page reconnects, so no stream is open without bound.
 */
final class DashboardFeed implements EventSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
    static final Duration TICK = Duration.ofSeconds(1);
    static final int MAX_STREAMS = 16;
    static final int QUEUE = 256;
    static final Duration MAX_STREAM_AGE = Duration.ofMinutes(30);

    private final AdminView view;
    private final InstantSource clock;
    private final DashboardHistory history;
    private final LiveCallQuality quality = new LiveCallQuality();
    private final ObjectMapper json = ControlCharacters.guard(new ObjectMapper());
    private final EventJson eventJson = new EventJson();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker;
    private long lastWarning;

    DashboardFeed(AdminView view, InstantSource clock, DashboardHistory history) {
        this.view = view;
        this.clock = clock;
        this.history = history;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-feed");
            t.setDaemon(true);
            return t;
        });
        view.subscribe(this);
        ticker.scheduleAtFixedRate(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    DashboardHistory history() {
        return history;
    }

    /** The event stream: pushed to each open stream as it happens, and read for live MOS. */
    @Override
    public void accept(Event event) {
        quality.accept(event);
        for (Stream s : streams) {
            s.offerEvent(event);
        }
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            StatusReport status = view.status();
            List<CallInfo> calls = view.calls();
            quality.retain(calls.stream().map(CallInfo::id).collect(Collectors.toSet()));
            history.offer(now, sample(status, calls));
            if (!streams.isEmpty()) {
                String frame = frame("status", json.writeValueAsString(snapshot(now, status, calls)));
                for (Stream s : streams) {
                    s.offerStatus(frame);
                }
            }
        } catch (RuntimeException | JsonProcessingException e) {
            long now = System.nanoTime();
            if (lastWarning == 0 || now - lastWarning > TimeUnit.MINUTES.toNanos(1)) {   // once a minute at most
                lastWarning = now;
                log.warn("dashboard snapshot failed: {}", e.toString());
            }
        }
    }

    /** What the charts keep: per path R and loss, active calls, the mean and worst live MOS. */
    private Map<String, Double> sample(StatusReport status, List<CallInfo> calls) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (StatusReport.PathSummary p : status.paths()) {
            values.put("path." + p.name() + ".r", p.r() < 0 ? Double.NaN : p.r());
            values.put("path." + p.name() + ".loss", p.lossPercent() < 0 ? Double.NaN : p.lossPercent());
        }
        values.put("calls.active", (double) calls.size());
        double[] mos = calls.stream().map(c -> quality.of(c.id())).flatMap(java.util.Optional::stream)
                .mapToDouble(LiveCallQuality.Mos::worst).filter(m -> !Double.isNaN(m)).toArray();
        values.put("calls.mos.mean", mos.length == 0 ? Double.NaN : java.util.Arrays.stream(mos).average().orElseThrow());
        values.put("calls.mos.worst", mos.length == 0 ? Double.NaN : java.util.Arrays.stream(mos).min().orElseThrow());
        return values;
    }

    private ObjectNode snapshot(Instant now, StatusReport status, List<CallInfo> calls) {
        ObjectNode node = json.createObjectNode();
        node.put("at", now.toString());
        node.set("status", json.valueToTree(status));
        ArrayNode list = node.putArray("calls");
        for (CallInfo c : calls) {
            ObjectNode call = json.valueToTree(CallReport.of(c));
            quality.of(c.id()).ifPresent(m -> {
                putFigure(call, "mosFromCaller", m.fromCaller());
                putFigure(call, "mosFromCallee", m.fromCallee());
            });
            list.add(call);
        }
        return node;
    }

    private static void putFigure(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 100) / 100.0);
        }
    }

    /** The history as JSON for {@code GET /api/history}: times in epoch milliseconds, unknown values null. */
    Map<String, Object> historyJson() {
        Map<String, Object> series = new LinkedHashMap<>();
        history.snapshot().forEach((name, points) -> series.put(name, points.stream()
                .map(p -> java.util.Arrays.asList(p.at().toEpochMilli(),
                        Double.isNaN(p.value()) ? null : Math.round(p.value() * 100) / 100.0))
                .toList()));
        return Map.of("intervalSeconds", history.interval().toSeconds(),
                "spanSeconds", history.interval().toSeconds() * history.capacity(),
                "observedBy", "this gateway, in memory since it started (a restart starts empty)",
                "series", series);
    }

    /**
     * Serves {@code exchange} as an event stream from now on, or answers 503 when
     * {@value #MAX_STREAMS} are open already.
     *
     * @return whether a stream took the exchange (its writer closes it at its end)
     */
    boolean open(HttpExchange exchange) throws IOException {
        if (streams.size() >= MAX_STREAMS) {
            AdminServer.plainError(exchange, 503, "too many dashboard streams open (" + MAX_STREAMS
                    + "); close a dashboard tab and retry");
            return false;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        Stream stream = new Stream(exchange);
        streams.add(stream);
        Thread.ofVirtual().name("dashboard-stream").start(stream::run);
        return true;
    }

    int openStreams() {
        return streams.size();
    }

    private String eventFrame(Event event) {
        try {
            ObjectNode node = json.createObjectNode();
            node.put("type", event.type());
            node.put("at", event.at().toString());
            node.set("event", json.readTree(eventJson.encode(event)));
            return frame("event", json.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            return frame("gap", "{\"dropped\":1}");
        }
    }

    /** One SSE message; JSON has no raw line breaks, so one data line is enough. */
    private static String frame(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (Stream s : streams) {
            s.end();
        }
    }

    /** One open stream: a queue of frames (events as {@link Event}s, encoded by the writer) and its writer. */
    private final class Stream {
        private static final Object END = new Object();
        private final HttpExchange exchange;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        private final AtomicLong lost = new AtomicLong();
        private final long deadline = System.nanoTime() + MAX_STREAM_AGE.toNanos();

        Stream(HttpExchange exchange) {
            this.exchange = exchange;
        }

        void offerStatus(String frame) {
            queue.offer(frame);   // a snapshot not queued is replaced by the next one
        }

        void offerEvent(Event event) {
            if (!queue.offer(event)) {
                lost.incrementAndGet();
            }
        }

        void end() {
            queue.clear();
            queue.offer(END);
        }

        void run() {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(": lifeline dashboard stream\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (System.nanoTime() - deadline < 0) {
                    Object next = queue.poll(5, TimeUnit.SECONDS);
                    if (next == END) {
                        break;
                    }
                    long missed = lost.getAndSet(0);
                    if (missed > 0) {
                        out.write(frame("gap", "{\"dropped\":" + missed + "}").getBytes(StandardCharsets.UTF_8));
                    }
                    String text = next == null ? ": idle\n\n" : next instanceof Event e ? eventFrame(e) : (String) next;
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException gone) {
                // The reader went away: nothing to tell anyone.
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } finally {
                streams.remove(this);
                exchange.close();
            }
        }
    }
}
