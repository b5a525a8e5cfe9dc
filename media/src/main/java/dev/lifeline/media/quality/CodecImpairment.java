package dev.lifeline.media.quality;

/**
 * How a codec degrades speech in the E-model: its equipment impairment factor Ie and its
 * packet-loss robustness factor Bpl (ITU-T G.107 §7.5, values from ITU-T G.113 Appendix I,
 * tables I.1 and I.3). Bpl depends on the packet-loss concealment the receiver runs, which is
 * why G.711 appears twice.
 *
 * @param name a label for reports
 * @param ie   equipment impairment factor, 0 for G.711
 * @param bpl  packet-loss robustness factor, larger is more robust
 */
public record CodecImpairment(String name, double ie, double bpl) {

    /** G.711 (PCMU/PCMA) with the packet-loss concealment of G.711 Appendix I. */
    public static final CodecImpairment G711_PLC = new CodecImpairment("G.711 with PLC", 0, 25.1);
    /** G.711 without concealment: a lost packet is silence. */
    public static final CodecImpairment G711 = new CodecImpairment("G.711 without PLC", 0, 4.3);
    /** G.729 Annex A with VAD (Annex B). */
    public static final CodecImpairment G729A_VAD = new CodecImpairment("G.729A+VAD", 11, 19.0);
    /** G.723.1 at 6.3 kbit/s with VAD. */
    public static final CodecImpairment G723_1_VAD = new CodecImpairment("G.723.1+VAD 6.3 kbit/s", 15, 16.1);

    public CodecImpairment {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("codec name is empty");
        }
        if (!(ie >= 0 && ie <= 95)) {
            throw new IllegalArgumentException("Ie must be in [0, 95], was " + ie);
        }
        if (!(bpl > 0)) {
            throw new IllegalArgumentException("Bpl must be > 0, was " + bpl);
        }
    }
}
