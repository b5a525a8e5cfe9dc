/**
 * Call quality as users feel it: the ITU-T G.107 (06/2015) E-model as a pure function from
 * transmission parameters to the rating factor R and, via G.107 Annex B, to an estimated MOS.
 * Codec impairments (Ie, Bpl) are the ITU-T G.113 Appendix I values; the burst ratio follows
 * G.107 §7.5 / G.113 Appendix I. {@link dev.lifeline.media.quality.QualityEstimator} maps what
 * RTP statistics measured (RFC 3550) to E-model inputs.
 */
package dev.lifeline.media.quality;
