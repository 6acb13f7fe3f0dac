package io.tollgate.application.invalidation;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.LogNotifications;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What an {@link InvalidationFollower} tells, and is woken by, beside the node's cache and structures. Every hook is
 * optional: {@link #none()} ignores everything, and each {@code with…} method replaces one hook. The hooks run on the
 * follower's thread and must not throw.
 *
 * @param health takes the forced target healths other nodes appended (Kong's {@code balancer:post_health}; the health
 *     checker)
 * @param notifications wake-ups from the log (push propagation), started by {@link InvalidationFollower#startAtHead()}
 *     and closed with the follower
 * @param purges takes the proxy-cache purges other nodes appended (drops them from this node's response store)
 * @param propagated takes, after each batch of other nodes' events is applied, the ms between the oldest event's
 *     append to the log ({@link LoggedEvent#occurredAt()}) and the end of its application here
 * @param outages takes why the log could not be read when the database is unreachable: the node's
 *     {@link DatabaseOutages#failed}, so that the follower starts the node's outage even when no request does (its
 *     probe then wakes the follower as the database is back)
 * @param logLevels takes the cluster-wide log level changes other nodes appended (Kong's {@code debug:log_level};
 *     the node's dynamic log level)
 */
public record FollowerHooks(
        Consumer<TargetHealthForced> health,
        LogNotifications notifications,
        Consumer<ProxyCachePurged> purges,
        LongConsumer propagated,
        Consumer<DatabaseUnavailable> outages,
        Consumer<LogLevelChanged> logLevels) {

    public FollowerHooks {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(purges, "purges");
        Objects.requireNonNull(propagated, "propagated");
        Objects.requireNonNull(outages, "outages");
        Objects.requireNonNull(logLevels, "logLevels");
    }

    /**
     * No hooks: forced healths and purges are ignored, the log is only polled, lags are not reported, an unreachable
     * database is only retried.
     */
    public static FollowerHooks none() {
        return new FollowerHooks(
                health -> {}, LogNotifications.none(), purge -> {}, lag -> {}, failure -> {}, change -> {});
    }

    /** These hooks with {@code health} taking the forced target healths. */
    public FollowerHooks withHealth(Consumer<TargetHealthForced> health) {
        return new FollowerHooks(health, notifications, purges, propagated, outages, logLevels);
    }

    /** These hooks with {@code notifications} waking the follower. */
    public FollowerHooks withNotifications(LogNotifications notifications) {
        return new FollowerHooks(health, notifications, purges, propagated, outages, logLevels);
    }

    /** These hooks with {@code purges} taking the proxy-cache purges. */
    public FollowerHooks withPurges(Consumer<ProxyCachePurged> purges) {
        return new FollowerHooks(health, notifications, purges, propagated, outages, logLevels);
    }

    /** These hooks with {@code propagated} taking each batch's propagation lag in ms. */
    public FollowerHooks withPropagated(LongConsumer propagated) {
        return new FollowerHooks(health, notifications, purges, propagated, outages, logLevels);
    }

    /** These hooks with {@code outages} taking why the log could not be read (e.g. the node's {@code outages::failed}). */
    public FollowerHooks withOutages(Consumer<DatabaseUnavailable> outages) {
        return new FollowerHooks(health, notifications, purges, propagated, outages, logLevels);
    }

    /** These hooks with {@code logLevels} taking the cluster-wide log level changes of other nodes. */
    public FollowerHooks withLogLevels(Consumer<LogLevelChanged> logLevels) {
        return new FollowerHooks(health, notifications, purges, propagated, outages, logLevels);
    }
}
