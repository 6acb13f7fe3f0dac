package io.tollgate.application.plugin.bundled;

import java.util.List;

/**
 * Reads response-ratelimiting's upstream header ({@code x-kong-limit: video=2, image=1}), as Kong's
 * {@code parse_header}: the values of every such header, split on {@code ,}; each part {@code name=units} with the
 * blanks around both trimmed; a part without exactly one {@code =}, of a name that is not a configured limit, or
 * whose units are not an integer is ignored; a name given twice keeps its last units.
 */
final class ResponseLimitUnits {

    private ResponseLimitUnits() {}

    /**
     * @param values the header's values, in order (empty when absent)
     * @param limits the configured limits
     * @return the units of each limit, in the order of {@code limits} (0 when not reported)
     */
    static long[] parse(List<String> values, ResponseLimitSettings.Limit[] limits) {
        long[] units = new long[limits.length];
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String[] pair = part.split("=", -1);
                if (pair.length != 2) {
                    continue;
                }
                String name = pair[0].strip();
                for (int l = 0; l < limits.length; l++) {
                    if (limits[l].name().equals(name)) {
                        try {
                            units[l] = Long.parseLong(pair[1].strip());
                        } catch (NumberFormatException e) {
                            units[l] = 0; // Kong's tonumber gives nil: no units for this limit
                        }
                    }
                }
            }
        }
        return units;
    }
}
