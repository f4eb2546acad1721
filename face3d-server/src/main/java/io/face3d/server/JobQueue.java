package io.face3d.server;

import io.face3d.core.Face3dException;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The work queue: jobs are rows (state queued, running, done, failed), so a job survives a restart. A dispatcher
 * claims queued jobs (an UPDATE that only one claimer can win) while a worker is free; the pool has one worker per
 * core (or as configured). On start, jobs left running by a crash are queued again, or failed once they have been
 * tried {@value #MAX_ATTEMPTS} times (a job that crashes the server must not crash it forever).
 */
public final class JobQueue implements AutoCloseable {
    static final int MAX_ATTEMPTS = 3;
    private static final long POLL_MILLIS = 250;

    /** Runs one job; throws to fail it (a {@link Face3dException}'s message is shown to the user). */
    public interface Work {
        void run(String visitId);
    }

    private final Jdbi jdbi;
    private final Work work;
    private final BiConsumer<String, String> onFailure;
    private final ExecutorService workers;
    private final Semaphore free;
    private final Thread dispatcher;
    private volatile boolean running = true;
    private final Object wake = new Object();

    /**
     * @param onFailure told the visit id and the reason of a job that failed for good
     */
    public JobQueue(Jdbi jdbi, int workerCount, Work work, BiConsumer<String, String> onFailure) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be at least 1");
        }
        this.jdbi = jdbi;
        this.work = work;
        this.onFailure = onFailure;
        this.free = new Semaphore(workerCount);
        this.workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "face3d-job");
            t.setDaemon(true);
            return t;
        });
        recover();
        this.dispatcher = new Thread(this::dispatch, "face3d-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Queues a job for a visit (one open job per visit: a job already queued or running is kept). */
    public String submit(String visitId) {
        String id = jdbi.inTransaction(h -> {
            Optional<String> open = h.createQuery("SELECT id FROM jobs WHERE visit_id = :v AND state IN "
                + "('queued', 'running')").bind("v", visitId).mapTo(String.class).findFirst();
            if (open.isPresent()) {
                return open.get();
            }
            String j = Ids.random();
            h.createUpdate("INSERT INTO jobs (id, visit_id, state, attempts, created_at) VALUES (:id, :v, 'queued', 0, "
                + ":t)").bind("id", j).bind("v", visitId).bind("t", System.currentTimeMillis()).execute();
            return j;
        });
        synchronized (wake) {
            wake.notifyAll();
        }
        return id;
    }

    /** Jobs waiting before a new one (for the progress page). */
    public int queuedCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE state = 'queued'")
            .mapTo(Integer.class).one());
    }

    private void recover() {
        String reason = "the server stopped " + MAX_ATTEMPTS + " times while computing this visit: report it";
        List<String> failed = jdbi.inTransaction(h -> {
            List<String> out = h.createQuery("SELECT visit_id FROM jobs WHERE state = 'running' AND attempts >= :m")
                .bind("m", MAX_ATTEMPTS).mapTo(String.class).list();
            h.createUpdate("UPDATE jobs SET state = 'failed', error = :e, finished_at = :t WHERE state = 'running' "
                    + "AND attempts >= :m").bind("e", reason)
                .bind("t", System.currentTimeMillis()).bind("m", MAX_ATTEMPTS).execute();
            h.createUpdate("UPDATE jobs SET state = 'queued' WHERE state = 'running'").execute();
            return out;
        });
        failed.forEach(v -> onFailure.accept(v, reason));
    }

    private void dispatch() {
        while (running) {
            try {
                if (!free.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Optional<String[]> job;
                try {
                    job = claim();
                } catch (RuntimeException e) {
                    // the permit taken above must go back, or a busy database would leak the workers one by one
                    // and leave every later job queued for ever
                    free.release();
                    throw e;
                }
                if (job.isEmpty()) {
                    free.release();
                    synchronized (wake) {
                        wake.wait(POLL_MILLIS);
                    }
                    continue;
                }
                workers.execute(() -> {
                    try {
                        execute(job.get()[0], job.get()[1]);
                    } finally {
                        free.release();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database was briefly unavailable: try again at the next poll
                sleepQuietly();
            }
        }
    }

    private Optional<String[]> claim() {
        return jdbi.inTransaction(h -> {
            Optional<String[]> next = h.createQuery("SELECT id, visit_id FROM jobs WHERE state = 'queued' "
                    + "ORDER BY created_at LIMIT 1").map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)})
                .findOne();
            if (next.isEmpty()) {
                return next;
            }
            int won = h.createUpdate("UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = :t "
                + "WHERE id = :id AND state = 'queued'").bind("t", System.currentTimeMillis()).bind("id", next.get()[0])
                .execute();
            return won == 1 ? next : Optional.empty();
        });
    }

    private void execute(String jobId, String visitId) {
        String error = null;
        try {
            work.run(visitId);
        } catch (Face3dException e) {
            error = e.getMessage();
        } catch (RuntimeException | OutOfMemoryError e) {
            error = "internal error while computing (" + e.getClass().getSimpleName() + "): report it";
        }
        String state = error == null ? "done" : "failed";
        String err = error;
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET state = :s, error = :e, finished_at = :t WHERE id = :id")
            .bind("s", state).bind("e", err).bind("t", System.currentTimeMillis()).bind("id", jobId).execute());
        if (error != null) {
            onFailure.accept(visitId, error);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
