package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ResponsePhases;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response head for the plugins' response phases over an Undertow {@link HeaderMap}, changed in place. */
class HeaderMapHead implements ResponsePhases.ResponseHead {

    private final HeaderMap headers;
    private int status;

    HeaderMapHead(int status, HeaderMap headers) {
        this.status = status;
        this.headers = headers;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void setStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("a status code is 100-599: " + status);
        }
        this.status = status;
    }

    @Override
    public List<String> headerValues(String name) {
        HeaderValues values = headers.get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(HeaderNames.of(name), value);
    }

    @Override
    public void addHeader(String name, String value) {
        headers.add(HeaderNames.of(name), value);
    }

    @Override
    public void removeHeader(String name) {
        headers.remove(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (HeaderValues values : headers) {
            all.put(values.getHeaderName().toString(), List.copyOf(values));
        }
        return all;
    }
}
