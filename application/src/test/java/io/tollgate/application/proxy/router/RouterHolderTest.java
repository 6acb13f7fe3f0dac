package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.testing.VersionBumps;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Routes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouterHolderTest {

    private final InMemoryEntityStore rows = new InMemoryEntityStore();
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger routeReads = new AtomicInteger();

    /** The in-memory store, whose first read of the routes blocks until {@link #release} opens. */
    private final EntityStore store = (EntityStore) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {EntityStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("all") && args[0] == Routes.SCHEMA && routeReads.getAndIncrement() == 0) {
                    reading.countDown();
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new AssertionError("the test never released the blocked read of the routes");
                    }
                }
                try {
                    return method.invoke(rows, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private final Entity service = Entities.service("http://up:80", Map.of());

    private void addRoute(String path) {
        rows.add(Entities.route(service, Map.of("paths", List.of(path))));
    }

    private boolean routes(RouterHolder holder, String path) {
        return holder.current()
                .match(new RouteRequest("GET", "", 80, path, n -> List.of()))
                .isPresent();
    }

    @Test
    void aBurstOfCallsDuringARebuildCostsOneMoreRebuildAndEveryCallerSeesItsWrite() throws Exception {
        rows.add(service);
        addRoute("/first");
        RouterHolder holder = new RouterHolder(store);
        Thread first = new Thread(holder::rebuild);
        first.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        List<Thread> burst = new ArrayList<>();
        List<Boolean> sawOwnWrite = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            String path = "/burst" + i;
            addRoute(path);
            Thread t = new Thread(() -> {
                holder.rebuild();
                sawOwnWrite.add(routes(holder, path));
            });
            t.start();
            burst.add(t);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .alias("every caller of the burst waits for the blocked rebuild")
                .until(() -> burst.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        List<Thread> all = new ArrayList<>(burst);
        all.add(first);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .alias("the blocked rebuild and every caller of the burst finish")
                .until(() -> all.stream().noneMatch(Thread::isAlive));

        assertThat(sawOwnWrite).hasSize(200).containsOnly(true);
        assertThat(holder.rebuildCount())
                .as("the blocked rebuild, then one for the whole burst")
                .isEqualTo(2);
        assertThat(routes(holder, "/first")).isTrue();
    }

    @Test
    void sequentialCallsEachRebuildAndSeeTheirWrite() {
        rows.add(service);
        release.countDown();
        RouterHolder holder = new RouterHolder(store);
        for (int i = 0; i < 3; i++) {
            addRoute("/seq" + i);
            holder.rebuild();
            assertThat(routes(holder, "/seq" + i)).isTrue();
        }
        assertThat(holder.rebuildCount()).isEqualTo(3);
    }

    @Test
    void aFailedRebuildThrowsAndKeepsTheCurrentRouter() {
        rows.add(service);
        addRoute("/kept");
        release.countDown();
        RouterHolder holder = new RouterHolder(store);
        holder.rebuild();

        rows.failing = true;
        assertThatThrownBy(holder::rebuild).hasMessageContaining("database down");
        assertThat(routes(holder, "/kept")).isTrue();

        rows.failing = false;
        addRoute("/later");
        holder.rebuild();
        assertThat(routes(holder, "/later")).isTrue();
    }

    @Test
    void aRouterRebuildThatFailsThroughLocalInvalidationKeepsTheOldRouterAndTheNextPollRetriesIt() {
        rows.add(service);
        addRoute("/kept");
        release.countDown();
        RouterHolder holder = new RouterHolder(store);
        LocalInvalidation invalidation = new LocalInvalidation(new InMemoryNodeCache(), List.of(holder));
        VersionBumps.apply(invalidation, VersionKey.ROUTER);
        Router before = holder.current();

        addRoute("/added");
        rows.failingReads.set(1);
        VersionBumps.apply(invalidation, VersionKey.ROUTER);
        assertThat(holder.current()).isSameAs(before);
        assertThat(routes(holder, "/added")).isFalse();

        invalidation.retryPending();
        assertThat(routes(holder, "/added")).isTrue();
        assertThat(routes(holder, "/kept")).isTrue();
    }
}
