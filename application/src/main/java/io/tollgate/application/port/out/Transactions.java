package io.tollgate.application.port.out;

import java.util.function.Supplier;

/** Runs work in one database transaction: committed when {@code work} returns, rolled back when it throws. */
public interface Transactions {

    /**
     * @return what {@code work} returned
     * @throws RuntimeException whatever {@code work} threw (after rollback); {@link io.tollgate.application.port.DatabaseUnavailable} when the
     *         database cannot be reached
     */
    <T> T inTransaction(Supplier<T> work);
}
