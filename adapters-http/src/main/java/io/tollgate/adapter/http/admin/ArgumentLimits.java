package io.tollgate.adapter.http.admin;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;

/**
 * Kong's Admin API limit on arguments ({@code kong/api/arguments.lua}, spec {@code 04-admin_api/*}
 * "Admin API - truncated arguments"): a request with more than {@value #MAX_ARGUMENTS} query arguments, or a form
 * body ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}) with more than
 * {@value #MAX_ARGUMENTS} fields, is answered {@code 400 {"message":"Too many arguments"}} instead of being read
 * truncated.
 */
final class ArgumentLimits {

    /** The most arguments Kong's Admin API reads from the query string, and from a form body. */
    static final int MAX_ARGUMENTS = 1000;

    private ArgumentLimits() {}

    /** @throws ClientError 400 {@code Too many arguments} when the query string has too many arguments */
    static void checkQuery(HttpServerExchange exchange) {
        int count = 0;
        for (Deque<String> values : exchange.getQueryParameters().values()) {
            count += values.size();
        }
        check(count);
    }

    /** @throws ClientError 400 {@code Too many arguments} when {@code count} form fields are too many */
    static void check(int count) {
        if (count > MAX_ARGUMENTS) {
            throw ClientError.badRequest("Too many arguments");
        }
    }
}
