package dev.lifeline.sip.transaction;

/**
 * How much the transaction layer keeps, in three separate budgets so that one cannot starve
 * another: an outsider's flood of requests fills the server budget, never the one the
 * gateway's own probes, trunk registrations and calls draw on.
 *
 * @param serverTransactions server transactions in progress at once (the TU has not answered
 *                           them finally yet); beyond it a new request is answered 503
 *                           statelessly. Each holds the request, so this bounds memory too.
 * @param clientTransactions the layer's own client transactions at once; beyond it sending
 *                           fails. Only the TU's own behaviour can reach it.
 * @param retainedBytes      memory for answered non-INVITE server transactions waiting out
 *                           Timer J (RFC 3261 §17.2.2). Each keeps only its key, its peer and
 *                           the final response, to answer a retransmitted request. When the
 *                           budget is spent the oldest are dropped first: they are the least
 *                           likely to see a retransmission, and one that does is simply
 *                           handled again as a new request.
 */
public record TransactionLimits(int serverTransactions, int clientTransactions, long retainedBytes) {

    /**
     * 20,000 in progress (a storm's worth of REGISTERs waiting for their COMMIT), 10,000 own,
     * and 64 MiB of answered transactions: at ~1 KiB each, over 60,000, which is 32 s of
     * 2,000 requests a second.
     */
    public static final TransactionLimits DEFAULT = new TransactionLimits(20_000, 10_000, 64L << 20);

    public TransactionLimits {
        if (serverTransactions < 1 || clientTransactions < 1 || retainedBytes < 0) {
            throw new IllegalArgumentException("transaction limits must be positive: " + serverTransactions + ", "
                    + clientTransactions + ", " + retainedBytes);
        }
    }

    /** The same count for servers and clients (tests). */
    public static TransactionLimits of(int transactions) {
        return new TransactionLimits(transactions, transactions, DEFAULT.retainedBytes);
    }
}
