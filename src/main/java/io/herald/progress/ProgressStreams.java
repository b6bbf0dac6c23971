package io.herald.progress;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The clients of GET /campaigns/{id}/events and GET /campaigns/events, and the one ticker that feeds them all: once
 * a second, while anyone listens, it reads the followed campaigns (ProgressSnapshots: two queries whatever their
 * number) and sends each client a "progress" event for a campaign when what it says changed, or after 15 s of
 * silence as a keep-alive; never two events for a campaign to a client within 900 ms. No thread per client: a
 * client that went away is dropped when a send to it fails or its sink is found closed.
 */
@ApplicationScoped
public class ProgressStreams {

    private static final Logger LOG = Logger.getLogger(ProgressStreams.class);
    static final String EVENT = "progress";
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Less than a tick, so a change is not held back by the clock's jitter, more than half, so at most one per tick. */
    static final Duration MIN_GAP = Duration.ofMillis(900);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ProgressSnapshots snapshots;

    @Inject
    Clock clock;

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> ticker;

    /** What was last sent for a campaign to a client, and when. */
    private record Sent(ProgressEvent.State state, Instant at) {
    }

    /** One client: its sink, the campaign it follows (null: every active one), and its last event per campaign. */
    private static final class Listener {
        final SseEventSink sink;
        final Sse sse;
        final Long campaignId;
        final Map<Long, Sent> sent = new ConcurrentHashMap<>();

        Listener(SseEventSink sink, Sse sse, Long campaignId) {
            this.sink = sink;
            this.sse = sse;
            this.campaignId = campaignId;
        }
    }

    /** A client of one campaign's stream: its event now, then as the campaign changes. */
    public void follow(long campaignId, SseEventSink sink, Sse sse) {
        register(new Listener(sink, sse, campaignId));
    }

    /** A client of the stream of every running, paused or scheduled campaign: their events now, then as they change. */
    public void followActive(SseEventSink sink, Sse sse) {
        Listener listener = new Listener(sink, sse, null);
        sink.send(sse.newEventBuilder().comment("progress of running, paused and scheduled campaigns").build());
        register(listener);
    }

    private void register(Listener listener) {
        Instant now = clock.instant();
        deliver(listener, snapshots.read(listener.campaignId == null ? List.of() : List.of(listener.campaignId),
                listener.campaignId == null, now), now);
        listeners.add(listener);
        startTicking();
    }

    private synchronized void startTicking() {
        if (ticker == null || ticker.isDone()) {
            ticker = scheduler.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the ticker when nobody listens any more, so the streams cost nothing without clients. */
    private synchronized boolean stopTickingIfIdle() {
        if (listeners.isEmpty() && ticker != null) {
            ticker.cancel(false);
            ticker = null;
            return true;
        }
        return false;
    }

    void tick() {
        try {
            listeners.removeIf(l -> l.sink.isClosed());
            if (stopTickingIfIdle()) {
                return;
            }
            Set<Long> followed = new HashSet<>();
            boolean withActive = false;
            for (Listener l : listeners) {
                if (l.campaignId == null) {
                    withActive = true;
                    followed.addAll(l.sent.keySet());        // to send the final event of those that ended
                } else {
                    followed.add(l.campaignId);
                }
            }
            Instant now = clock.instant();
            ProgressSnapshots.Snapshot snapshot = snapshots.read(followed, withActive, now);
            for (Listener l : listeners) {
                deliver(l, snapshot, now);
            }
            followed.addAll(snapshot.active());
            snapshots.retain(followed);
        } catch (RuntimeException e) {
            LOG.warnf(e, "progress events: this tick failed (%s); trying again at the next", e.getMessage());
        }
    }

    private void deliver(Listener l, ProgressSnapshots.Snapshot snapshot, Instant now) {
        if (l.campaignId != null) {
            ProgressEvent e = snapshot.events().get(l.campaignId);
            if (e != null) {
                sendIfDue(l, e, now, false);
            }
            return;
        }
        for (Long id : snapshot.active()) {
            sendIfDue(l, snapshot.events().get(id), now, false);
        }
        for (Long id : Set.copyOf(l.sent.keySet())) {
            if (!snapshot.active().contains(id)) {                   // it ended (or was deleted): a last event
                ProgressEvent e = snapshot.events().get(id);
                if (e == null || sendIfDue(l, e, now, true)) {
                    l.sent.remove(id);
                }
            }
        }
    }

    /** Sends the event unless the client has it already; false when it is held back for the next tick (MIN_GAP). */
    private boolean sendIfDue(Listener l, ProgressEvent e, Instant now, boolean last) {
        Sent before = l.sent.get(e.id());
        if (before != null) {
            Duration since = Duration.between(before.at(), now);
            boolean due = last || !before.state().equals(e.state()) || since.compareTo(KEEP_ALIVE) >= 0;
            if (!due) {
                return true;
            }
            if (since.compareTo(MIN_GAP) < 0) {
                return false;
            }
        }
        l.sent.put(e.id(), new Sent(e.state(), now));
        if (l.sink.isClosed()) {
            listeners.remove(l);
            return true;
        }
        l.sink.send(l.sse.newEventBuilder().name(EVENT).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(ProgressEvent.class, e).build())
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.debugf("progress events: a client went away (%s)", failure.getMessage());
                        drop(l);
                    }
                });
        return true;
    }

    private void drop(Listener l) {
        listeners.remove(l);
        try {
            l.sink.close();
        } catch (RuntimeException e) {
            LOG.debugf("progress events: closing a client's stream: %s", e.getMessage());
        }
    }

    @PreDestroy
    void closeAll() {
        synchronized (this) {
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
        listeners.forEach(this::drop);
    }
}
