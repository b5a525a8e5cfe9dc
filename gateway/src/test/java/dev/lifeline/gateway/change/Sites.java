package dev.lifeline.gateway.change;

/** Site files for the change control tests: one base text, edited the way an operator would. */
public final class Sites {

    public static final String BASE = """
            site: {name: Change site, countryCode: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:SIP_PORT}
              - {transport: tcp, address: 127.0.0.1:SIP_PORT}
            extensions:
              - {number: 1001, name: Reception, password: pw1001}
              - {number: 1002, name: Front desk, password: pw1002}
              - {number: 1003, name: Manager, password: pw1003}
            dialPlan:
              emergency: [911]
            registrar: {realm: test.lifeline}
            security: {banAfterFailures: 5, failureWindow: 1m, banDuration: 15m}
            storage: STORAGE
            admin: {listen: 127.0.0.1:ADMIN_PORT}
            """;

    public static final String NEW_EXTENSION = "  - {number: 1004, name: Stockroom, password: pw1004}\n";

    private Sites() {
    }

    /** For tests that never bind: fixed ports nobody listens on. */
    public static String base(java.nio.file.Path storage) {
        return base(storage, 15060, 18089);
    }

    public static String base(java.nio.file.Path storage, int sipPort, int adminPort) {
        return BASE.replace("STORAGE", storage.toString()).replace("SIP_PORT", Integer.toString(sipPort))
                .replace("ADMIN_PORT", Integer.toString(adminPort));
    }

    /** {@code base} with extension 1004 added. */
    public static String withExtension1004(String base) {
        return base.replace("  - {number: 1003, name: Manager, password: pw1003}\n",
                "  - {number: 1003, name: Manager, password: pw1003}\n" + NEW_EXTENSION);
    }
}
