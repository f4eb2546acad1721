package io.face3d.server;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login rate limiting: at most {@code maxFailures} failed sign-ins per key (client address, and separately user
 * name) in a sliding window; further attempts are refused until the oldest failure leaves the window. Held in
 * memory: a restart clears it, which an attacker cannot cause from outside.
 */
final class LoginLimiter {
    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginLimiter(int maxFailures, long windowMillis, Clock clock) {
        if (maxFailures < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("maxFailures and windowMillis must be positive");
        }
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Seconds to wait before trying again, 0 when an attempt is allowed now. */
    long retryAfterSeconds(String key) {
        Deque<Long> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            long now = clock.millis();
            while (!d.isEmpty() && d.peekFirst() <= now - windowMillis) {
                d.pollFirst();
            }
            return d.size() < maxFailures ? 0 : Math.max(1, (d.peekFirst() + windowMillis - now + 999) / 1000);
        }
    }

    void failed(String key) {
        Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(clock.millis());
            while (d.size() > maxFailures) {
                d.pollFirst();
            }
        }
    }

    void succeeded(String key) {
        failures.remove(key);
    }
}
