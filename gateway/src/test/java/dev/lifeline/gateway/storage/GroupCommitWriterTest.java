package dev.lifeline.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {

    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CompletableFuture<Void> insert(long at) {
        return db.writer().submit(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO event (at, type, payload) VALUES (?, 't', '{}')")) {
                s.setLong(1, at);
                s.executeUpdate();
            }
        });
    }

    private long rows() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM event")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void writesQueuedWhileOneCommitRunsShareTheNextTransaction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Void> blocker = db.writer().submit(c -> {
            running.countDown();
            await(release);
        });
        running.await();
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queued.add(insert(i));
        }
        release.countDown();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get();

        assertThat(blocker).isDone();
        assertThat(rows()).isEqualTo(100);
        WriterStats stats = db.writer().stats();
        assertThat(stats.transactions()).as("blocker alone, then the rest together").isEqualTo(2);
        assertThat(stats.largestBatch()).isEqualTo(100);
        assertThat(stats.meanBatch()).isEqualTo(50.5);
    }

    @Test
    void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        db.writer().submit(c -> await(release));
        CompletableFuture<Void> before = insert(1);
        CompletableFuture<Void> bad = db.writer().submit(c -> c.createStatement().execute("INSERT INTO nowhere VALUES (1)"));
        CompletableFuture<Void> after = insert(2);
        release.countDown();

        after.get();
        before.get();
        assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StorageException.class);
        assertThat(rows()).isEqualTo(2);
        assertThat(db.writer().stats().failed()).isEqualTo(1);
    }

    @Test
    void afterCommitHooksRunInCommitOrderBeforeTheStageCompletes() throws Exception {
        List<Integer> order = new ArrayList<>();
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            stages.add(db.writer().submit(c -> { }, () -> order.add(n)).thenRun(() -> assertThat(order).contains(n)));
        }
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get();

        assertThat(order).isSorted().hasSize(50);
    }

    @Test
    void closeCommitsWhatIsQueuedAndRefusesMore() throws Exception {
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(insert(i));
        }
        db.close();

        assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(insert(99)).isCompletedExceptionally();
        db = SqliteDatabase.open(dir);
        assertThat(rows()).isEqualTo(20);
    }

    @Test
    void aFullQueueFailsFastInsteadOfGrowing() throws Exception {
        db.close();
        db = SqliteDatabase.open(dir, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        db.writer().submit(c -> {
            running.countDown();
            await(release);
        });
        running.await();
        insert(1);
        insert(2);

        CompletableFuture<Void> third = insert(3);
        release.countDown();

        assertThatThrownBy(third::get).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    private static void await(CountDownLatch latch) throws SQLException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }
}
