package dev.lifeline.gateway.storage;

/**
 * What the group-commit writer has done so far.
 *
 * @param writes       writes committed
 * @param transactions COMMITs issued (one fsync each)
 * @param largestBatch the most writes committed by one transaction
 * @param failed       writes whose stage completed exceptionally
 */
public record WriterStats(long writes, long transactions, int largestBatch, long failed) {

    /** Writes per transaction; how much group commit saved. */
    public double meanBatch() {
        return transactions == 0 ? 0 : (double) writes / transactions;
    }
}
