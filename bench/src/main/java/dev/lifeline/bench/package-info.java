/**
 * JMH benchmarks. Every benchmark measures Lifeline and a peer doing the same consumer work
 * in the same run, so the printed ratio means something on any machine: for the SIP parser
 * the peer is the JAIN-SIP reference implementation, and both sides read every field a
 * registrar or proxy uses and serialize the reply, so lazy parsing is not counted as free.
 * The gateway load tests live in {@link dev.lifeline.bench.load}.
 */
package dev.lifeline.bench;
