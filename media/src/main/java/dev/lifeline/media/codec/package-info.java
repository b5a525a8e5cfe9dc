/**
 * ITU-T G.711 (11/1988) pulse code modulation: µ-law (PCMU, RTP payload type 0) and A-law
 * (PCMA, payload type 8) between 8-bit codes and 16-bit linear samples (RFC 3551 §4.5.14).
 * Written here because it is a few lines of bit arithmetic the relay and the drills' audio
 * checks need on every packet, not worth a dependency.
 */
package dev.lifeline.media.codec;
