package dev.lifeline.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + read every field a registrar/proxy uses + serialize the reply, for a realistic
 * REGISTER (with digest credentials) and INVITE (with SDP), on Lifeline and on JAIN-SIP RI.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SipParserBenchmark {

    @Benchmark
    public byte[] registerLifeline() {
        return LifelineWork.register(Messages.REGISTER);
    }

    @Benchmark
    public byte[] registerJainSip() throws Exception {
        return JainSipWork.register(Messages.REGISTER);
    }

    @Benchmark
    public byte[] inviteLifeline() {
        return LifelineWork.invite(Messages.INVITE);
    }

    @Benchmark
    public byte[] inviteJainSip() throws Exception {
        return JainSipWork.invite(Messages.INVITE);
    }
}
