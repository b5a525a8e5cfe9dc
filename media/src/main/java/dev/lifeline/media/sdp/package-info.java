/**
 * Session descriptions as a B2BUA needs them: SDP (RFC 8866, formerly RFC 4566) parsed into
 * lines kept as received with typed views of o=, c=, m=, rtpmap, fmtp, ptime, the direction
 * attributes and a=rtcp (RFC 3605); a parse failure is a value with a reason. {@link
 * dev.lifeline.media.sdp.SdpRewriter} anchors media at the relay while keeping the offer/answer
 * rules of RFC 3264: codecs pass through untouched (no transcoding), hold and resume (§8.4,
 * including the RFC 2543 c=0.0.0.0 form) pass through, and the o= version grows by one exactly
 * when the description changes (§8). Written here because it is a few hundred lines and the
 * rewrite rules are the product's own.
 */
package dev.lifeline.media.sdp;
