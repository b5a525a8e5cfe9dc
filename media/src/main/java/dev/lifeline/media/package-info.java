/**
 * Lifeline's media core: RTP/RTCP (RFC 3550) read and written in place, receiver statistics,
 * G.711 (ITU-T G.711) and the ITU-T G.107 E-model that turns what the network does to a call
 * into a rating. Written here rather than taken from a library because these are the
 * product's own measurements: the path manager fails over on them and the drills report them,
 * so they must be exact, allocation-free on the packet path and testable without sockets.
 */
package dev.lifeline.media;
