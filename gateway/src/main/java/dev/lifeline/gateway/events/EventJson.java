package dev.lifeline.gateway.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Events to and from JSON: the record's components by name. Times are ISO-8601 strings,
 * addresses IP literals ("192.0.2.1", "192.0.2.1:5060", "[2001:db8::1]:5060"). Jackson's own
 * address handling is replaced because it may print a host name and resolve one when reading,
 * and an event log must never wait for DNS.
 */
public final class EventJson {

    private static final Map<String, Class<? extends Event>> TYPES = Arrays.stream(Event.class.getPermittedSubclasses())
            .map(EventJson::eventClass)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(module())
            // Rows written by a later version may carry extra components; read what we know.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The event's components as one JSON object. */
    public String encode(Event event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The event stored under {@code type}, or empty when the type is unknown or the JSON does not fit it. */
    public Optional<Event> decode(String type, String json) {
        Class<? extends Event> c = TYPES.get(type);
        if (c == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(json, c));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Class<? extends Event> eventClass(Class<?> c) {
        return c.asSubclass(Event.class);
    }

    private static SimpleModule module() {
        SimpleModule m = new SimpleModule("lifeline-events");
        m.addSerializer(Instant.class, text(Instant::toString));
        m.addDeserializer(Instant.class, parsed(Instant::parse));
        m.addSerializer(Duration.class, text(Duration::toString));
        m.addDeserializer(Duration.class, parsed(Duration::parse));
        m.addSerializer(InetAddress.class, text(InetAddress::getHostAddress));
        m.addDeserializer(InetAddress.class, parsed(EventJson::literal));
        m.addSerializer(InetSocketAddress.class, text(EventJson::hostPort));
        m.addDeserializer(InetSocketAddress.class, parsed(EventJson::socketAddress));
        return m;
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static InetSocketAddress socketAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("no port in " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(literal(host), Integer.parseInt(text.substring(colon + 1)));
    }

    /** An IP literal; a host name is refused rather than resolved. */
    static InetAddress literal(String text) {
        boolean v4 = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.%a-z]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP literal: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + text, e);
        }
    }

    private static <T> JsonSerializer<T> text(Function<T, String> format) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(format.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> parsed(Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String s = p.getValueAsString();
                try {
                    return parse.apply(s);
                } catch (RuntimeException e) {
                    return ctx.reportInputMismatch(this, "bad value '%s': %s", s, e.getMessage());
                }
            }
        };
    }
}
