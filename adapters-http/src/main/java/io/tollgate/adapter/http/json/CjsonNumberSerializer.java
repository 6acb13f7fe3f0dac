package io.tollgate.adapter.http.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a floating-point number as Kong 3.6+'s JSON encoder does: C's {@code %.16g}, so 16 significant digits,
 * trailing zeros dropped, and an exponent ({@code 1.234567891011121e+16}) below 1e-4 or from 1e16 on. An integral
 * double is written without a fraction ({@code 2}, not {@code 2.0}). Non-finite values keep Jackson's writing.
 */
final class CjsonNumberSerializer extends StdSerializer<Double> {

    private static final int PRECISION = 16;
    private static final MathContext SIGNIFICANT = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

    CjsonNumberSerializer() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value.isNaN() || value.isInfinite()) {
            gen.writeNumber(value);
        } else {
            gen.writeNumber(format(value));
        }
    }

    /** {@code value} as C's {@code printf("%.16g", value)} writes it; {@code value} is finite. */
    static String format(double value) {
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (exponent >= -4 && exponent < PRECISION) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(stripped.signum() < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        String magnitude = Integer.toString(Math.abs(exponent));
        return out.append(exponent < 0 ? "e-" : "e+")
                .append(magnitude.length() < 2 ? "0" : "")
                .append(magnitude)
                .toString();
    }
}
