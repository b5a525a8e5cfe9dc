package dev.lifeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeline.sip.codec.ParseLimits;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Parse SIP messages (one per file, raw bytes as captured) and say whether each is valid.",
            "Exit status: 0 all valid, 1 any invalid, 2 usage error or unreadable file."
        })
final class SipCheckCommand implements Callable<Integer> {

    /** A file may be a whole capture; reading more than this is not a SIP message. */
    private static final long MAX_FILE_BYTES = 16L << 20;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files holding one SIP message each")
    List<Path> files;

    @Option(names = "--json", description = "print one JSON document for machines")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SipParser parser = new SipParser(ParseLimits.DEFAULT);
        List<Map<String, Object>> verdicts = new ArrayList<>();
        boolean anyInvalid = false;
        boolean anyUnreadable = false;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path file : files) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("file", file.toString());
            byte[] data;
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw new IOException("larger than " + (MAX_FILE_BYTES >> 20) + " MiB, not a SIP message");
                }
                data = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                anyUnreadable = true;
                report(json, v, "unreadable", "no such file", err, file);
                verdicts.add(v);
                continue;
            } catch (IOException e) {
                anyUnreadable = true;
                report(json, v, "unreadable", String.valueOf(e.getMessage()), err, file);
                verdicts.add(v);
                continue;
            }
            ParseResult result = parser.parse(data, 0, data.length);
            if (result instanceof ParseResult.Ok ok) {
                SipMessage m = ok.message();
                v.put("verdict", "valid");
                v.put("startLine", m.startLine());
                v.put("callId", m.callId());
                if (ok.consumed() < data.length) {
                    v.put("ignoredTrailingBytes", data.length - ok.consumed());
                }
                if (!json) {
                    out.printf("%s: valid%n  %s%n  Call-ID: %s%n", file, m.startLine(), m.callId());
                    if (ok.consumed() < data.length) {
                        out.printf("  note: %d bytes after the message (beyond Content-Length) were ignored%n",
                                data.length - ok.consumed());
                    }
                }
            } else if (result instanceof ParseResult.Invalid bad) {
                anyInvalid = true;
                v.put("verdict", "invalid");
                v.put("reason", bad.reason());
                v.put("startLine", bad.startLine());
                v.put("callId", bad.callId().orElse(null));
                if (!json) {
                    out.printf("%s: INVALID: %s%n  %s%n  Call-ID: %s%n", file, bad.reason(),
                            bad.startLine() == null ? "(no readable start line)" : bad.startLine(),
                            bad.callId().orElse("(none)"));
                }
            }
            verdicts.add(v);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("files", verdicts);
            doc.put("valid", verdicts.stream().filter(x -> "valid".equals(x.get("verdict"))).count());
            doc.put("invalid", verdicts.stream().filter(x -> "invalid".equals(x.get("verdict"))).count());
            doc.put("unreadable", verdicts.stream().filter(x -> "unreadable".equals(x.get("verdict"))).count());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        }
        out.flush();
        if (anyUnreadable) {
            return ExitCodes.USAGE;
        }
        return anyInvalid ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static void report(boolean json, Map<String, Object> v, String verdict, String reason,
                               PrintWriter err, Path file) {
        v.put("verdict", verdict);
        v.put("reason", reason);
        if (!json) {
            err.printf("lifeline: cannot read %s: %s%n", file, reason);
        }
    }
}
