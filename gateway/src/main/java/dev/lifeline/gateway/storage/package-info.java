/**
 * The gateway's durable state: one SQLite file (xerial sqlite-jdbc) in the storage directory,
 * shared by the location store and the event log.
 *
 * <p>Durability: the file is in WAL mode with {@code synchronous=FULL}, so a transaction is on
 * disk (the WAL fsynced) when COMMIT returns; an acknowledged registration survives a crash of
 * the process and a loss of power. {@code NORMAL} would fsync only at checkpoints: still safe
 * against a process crash, but the last transactions before a power cut could be lost — and
 * the promise "a 200 OK survives" would be broken. One fsync per transaction is what makes
 * FULL expensive, so writes go through {@link dev.lifeline.gateway.storage.GroupCommitWriter}:
 * one thread takes every write waiting in its queue, runs them in a single transaction and
 * completes all their stages after that one COMMIT. Under a registration storm the batch grows
 * while the previous fsync runs, so throughput follows the disk's fsync rate times the batch
 * size rather than the fsync rate alone.
 *
 * <p>Written here rather than taken from a library: connection pools and ORMs have no notion of
 * "complete the caller only after the batch's commit", which is the whole point.
 */
package dev.lifeline.gateway.storage;
